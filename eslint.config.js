import js from '@eslint/js'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: globals.node },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }]
    }
  },
  {
    // Text the action did not write (log lines, file names, job file text, service answers) must never reach
    // the runner as a workflow command: everything goes through printText, the one way to print plain lines.
    files: ['src/**/*.ts'],
    ignores: ['src/report/untrusted.ts'],
    rules: {
      'no-console': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='core'][property.name='info']",
          message:
            'Print with printText (src/report/untrusted.ts): core.info lets printed text act as a command.'
        },
        {
          selector: "ImportDeclaration[source.value='@actions/core'] ImportSpecifier[imported.name='info']",
          message:
            'Print with printText (src/report/untrusted.ts): core.info lets printed text act as a command.'
        },
        {
          selector: "MemberExpression[object.object.name='process'][object.property.name='stdout']",
          message: 'Print with printText (src/report/untrusted.ts), the one writer of plain lines.'
        }
      ]
    }
  }
)
