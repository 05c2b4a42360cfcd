/**
 * Waits for work at most `ms` and says whether it finished; a failure of the work is rethrown. For the
 * steps of a shutdown, which must not keep the process alive while what they wait for (PostgreSQL) is
 * away: the process exits and the work is abandoned, which is safe for anything durable (jobs and events
 * are taken again by the next process).
 */
export async function finishesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([work.then(() => true), late]);
  } finally {
    clearTimeout(timer);
  }
}
