// ESLint: typescript-eslint's recommended rules, plus the project's rule that dataset strings never become HTML.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      '.output',
      '.wxt',
      'artifacts',
      'data/*.schema.json',
      'tests/fixtures/**',
      // AssemblyScript, checked by its own compiler (npm run wasm:check).
      'lib/matching/wasm/assembly/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Dataset text is text: build DOM nodes or use textContent.' },
        { property: 'outerHTML', message: 'Dataset text is text: build DOM nodes or use textContent.' },
        { property: 'insertAdjacentHTML', message: 'Dataset text is text: build DOM nodes or use textContent.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Dataset text is text, never HTML.' },
      ],
    },
  },
  {
    // Tests read pages (Playwright's innerHTML()) and poke at untyped browser globals.
    files: ['tests/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', 'no-restricted-properties': 'off' },
  },
);
