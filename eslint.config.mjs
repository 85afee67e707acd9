// @ts-check
import tseslint from 'typescript-eslint';

const vscode = { name: 'vscode', message: 'core/, infra/ and app/ stay plain Node: take what you need as a parameter.' };
/** @param {string[]} group @param {string} message */
const layer = (group, message) => ({ group, message });
const noFeatures = layer(['**/features/**', '**/extension'], 'Only the composition root (src/extension.ts) wires features together.');
const noPlatform = layer(['**/platform/**'], 'platform/ is VS Code glue; core/, infra/ and app/ must not depend on it.');
const noApp = layer(['**/app/**'], 'app/ orchestrates core/ and infra/; they must not depend on it.');
const noInfra = layer(['**/infra/**'], 'core/ is pure logic: no Kubernetes or HTTP adapters.');
/** @param {string} self */
const crossFeature = (self) =>
  layer(['explorer', 'authoring', 'translate'].filter((f) => f !== self).map((f) => `**/features/${f}/**`),
    `features/${self} must not import another feature; share through src/extension.ts.`);

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', '.vscode-test/**', '.test-results/**', '.sandbox/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.property.name='only']", message: 'Focused test.' }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [vscode], patterns: [noFeatures, noPlatform, noInfra, noApp] }] },
  },
  {
    files: ['src/infra/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [vscode], patterns: [noFeatures, noPlatform, noApp] }] },
  },
  {
    files: ['src/app/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [vscode], patterns: [noFeatures, noPlatform] }] },
  },
  {
    files: ['src/platform/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noFeatures, noApp] }] },
  },
  ...['explorer', 'authoring', 'translate'].map((feature) => ({
    files: [`src/features/${feature}/**/*.ts`],
    rules: /** @type {import('eslint').Linter.RulesRecord} */ ({ 'no-restricted-imports': ['error', { patterns: [crossFeature(feature)] }] }),
  })),
  {
    files: ['test/unit/**/*.ts', 'test/simulator/**/*.ts', 'test/support/**/*.ts', 'bench/**/*.ts'],
    ignores: ['test/support/extension.ts', 'bench/host/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'Unit tests and test servers run in plain Node.' }] }] },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
  },
);
