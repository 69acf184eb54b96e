import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
	{ignores: ['dist/', 'release/', 'node_modules/', '.test-servers/']},
	js.configs.recommended,
	...tseslint.configs.recommended,
	{
		languageOptions: {
			globals: {
				process: 'readonly',
				console: 'readonly',
				setTimeout: 'readonly',
				clearTimeout: 'readonly',
				setInterval: 'readonly',
				clearInterval: 'readonly',
				Buffer: 'readonly',
				URL: 'readonly',
				AbortController: 'readonly',
				AbortSignal: 'readonly',
				TextEncoder: 'readonly',
				TextDecoder: 'readonly',
			},
		},
		rules: {
			'@typescript-eslint/no-unused-vars': [
				'error',
				{argsIgnorePattern: '^_', varsIgnorePattern: '^_'},
			],
		},
	},
	{
		files: ['source/**/*.ts', 'source/**/*.tsx'],
		ignores: ['source/ui/hooks/use-keys.ts', 'source/protocol/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					paths: [
						{
							name: 'ink',
							importNames: ['useInput'],
							message:
								'Use useKeys (source/ui/hooks/use-keys.ts): Ink hands keys typed together to one call.',
						},
						{
							name: 'ink',
							importNames: ['Text'],
							message:
								"Use Text from source/text/screen-text.tsx: Ink's own passes escape sequences (OSC 52, titles) in other people's text to the terminal.",
						},
					],
				},
			],
		},
	},
	{
		// The protocol is pure: no I/O, no network, no UI (architecture.md).
		files: ['source/protocol/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['node:*', 'fs', 'path', 'http', 'https', 'net', 'os', 'child_process'],
							message: 'source/protocol is pure: no Node built-ins.',
						},
						{
							group: [
								'undici',
								'react',
								'ink',
								'ink-*',
								'../storage/*',
								'../ui/*',
								'../jobs/*',
								'../transfer/*',
							],
							message: 'source/protocol is pure: no network, storage or UI.',
						},
					],
				},
			],
			'no-restricted-globals': ['error', 'fetch', 'process'],
			// No clock and no randomness: times and ids are passed in by the caller.
			'no-restricted-syntax': [
				'error',
				{
					selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
					message: 'source/protocol has no clock: take the time as an argument.',
				},
				{
					selector: "NewExpression[callee.name='Date'][arguments.length=0]",
					message: 'source/protocol has no clock: take the time as an argument.',
				},
				{
					selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
					message: 'source/protocol is deterministic: no Math.random.',
				},
			],
		},
	},
);
