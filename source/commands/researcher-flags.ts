import type {FlagSpec} from './kit/flags.js';

/** `--not-mine`: cancel or delete a job under another user's prefix (the use cases refuse it otherwise). */
export const notMineFlag = {
	type: 'boolean',
	help: "act on another user's job (the coordination centre's administrators)",
} as const satisfies FlagSpec;
