import { useTranslation } from 'react-i18next';
import type { Problem } from '../channel-form';

/** A form problem as text: our own words in the interface's language, or the API's as it said them. */
export function useProblemText(): (problem: Problem | undefined) => string | undefined {
  const { t } = useTranslation();
  return (problem) => (problem === undefined ? undefined : 'text' in problem ? problem.text : t(problem.key, problem.values));
}
