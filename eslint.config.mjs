// @ts-check
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Text in SQL that writes the tickets table (issue #9: only the ticket commands may).
const TICKET_WRITE = '/\\b(UPDATE|INSERT\\s+INTO|DELETE\\s+FROM|TRUNCATE)\\s+"?tickets\\b/i';

const restricted = [
  {
    // Only UPPER_CASE constants (SQL fragments) may be interpolated into SQL; values are bound parameters.
    selector:
      "CallExpression[callee.property.name='query'] > TemplateLiteral.arguments > :not(TemplateElement, Identifier[name=/^[A-Z][A-Z0-9_]*$/])",
    message: 'Never interpolate values into SQL: use bound parameters ($1, $2…).',
  },
  {
    selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
    message: 'Message text is rendered as text, never as HTML.',
  },
  {
    selector: "AssignmentExpression[left.property.name=/^(innerHTML|outerHTML)$/]",
    message: 'Message text is rendered as text, never as HTML.',
  },
];

const ticketWrites = {
  selector: `TemplateElement[value.raw=${TICKET_WRITE}], Literal[value=${TICKET_WRITE}]`,
  message: 'Tickets change only through the ticket commands (apps/api/src/modules/tickets/commands): call a command.',
};

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', '**/test-results/**', '**/playwright-report/**', '.data/**', 'docs/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A missing await let any password log in to Rocket.Chat (CVE-2026-28514).
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', ...restricted, ticketWrites],
    },
  },
  {
    // Nest injects by class; type-only imports of injected classes would erase them.
    files: ['apps/api/**/*.ts'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  {
    // Module boundaries (house style): no import cycles, and no module reads another module's entities
    // (it asks that module's service); only the entity files themselves relate tables across modules.
    files: ['apps/api/src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js'] })],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/extensions': ['.ts', '.js'],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../*/entities/*', '../../*/entities/*', '../../../*/entities/*', '**/modules/*/entities/*'],
              message: "A module does not read another module's entities: use that module's service and its exported types.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/api/src/**/entities/*.ts', 'apps/api/src/database/entities.ts', 'apps/api/src/database/migrations/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // The front ends: no import cycles; a feature uses another feature only through its public index.
    files: ['apps/operator/src/**/*.{ts,tsx}', 'apps/widget/src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] })],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/extensions': ['.ts', '.tsx', '.js'],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../../*/api/*', '../../*/components/*', '../../*/routes/*', '../../../*/api/*', '../../../*/components/*', '../../../*/routes/*', '!../../../components/*'],
              message: "Use another feature through its public index (features/<name>/index.ts), not its insides.",
            },
          ],
        },
      ],
    },
  },
  {
    // The commands module writes tickets; migrations build the table; tests arrange their data.
    files: ['apps/api/src/modules/tickets/commands/**', 'apps/api/src/database/migrations/**', 'apps/api/test/**', '**/*.int-spec.ts', 'e2e/**', 'bench/**'],
    rules: { 'no-restricted-syntax': ['error', ...restricted] },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
