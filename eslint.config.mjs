// Flat ESLint config. The layering rule (which folder may import what) is in eslint-rules/layering.mjs;
// test/lint proves every restriction fires on a violating sample.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import armLayering from './eslint-rules/layering.mjs'

/** Browser globals src-shared must not touch: it also runs in main and in the gateway. */
const DOM_GLOBALS = [
  'window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'indexedDB', 'location', 'history',
  'HTMLElement', 'Element', 'XMLHttpRequest', 'MutationObserver', 'requestAnimationFrame', 'alert', 'confirm', 'prompt',
]
/** Node globals src-shared must not touch: it also runs in the renderer. */
const NODE_GLOBALS = ['process', 'Buffer', '__dirname', '__filename', 'require', 'module', 'global']

const nodeGlobals = Object.fromEntries(
  ['require', 'module', 'exports', 'process', '__dirname', '__filename', 'console', 'Buffer', 'setTimeout', 'clearTimeout',
    'setInterval', 'clearInterval', 'URL', 'fetch', 'AbortController', 'TextEncoder', 'TextDecoder'].map((g) => [g, 'readonly']),
)

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'coverage/**', 'test-results/**', '.tmp/**', 'bench/results.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { arm: armLayering },
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      'arm/layering': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['src-shared/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...DOM_GLOBALS.map((name) => ({ name, message: 'src-shared is pure TypeScript: no DOM API (it also runs in main and the gateway).' })),
        ...NODE_GLOBALS.map((name) => ({ name, message: 'src-shared is pure TypeScript: no Node API (it also runs in the renderer).' })),
      ],
    },
  },
  {
    files: ['**/*.cjs', '**/*.mjs'],
    languageOptions: { globals: nodeGlobals },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
)
