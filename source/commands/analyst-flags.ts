import {biobankChoices, type FlagSpec} from './kit/flags.js';

/** `--biobank B`: the biobank an analyst works for, from the catalogue. */
export const biobankFlag = {
	type: 'string',
	value: 'B',
	help: 'the biobank you work for',
	choices: biobankChoices,
	required: true,
} as const satisfies FlagSpec;

/** `--dir D`: the analyst's work folder. */
export const workDirFlag = {
	type: 'string',
	value: 'D',
	help: 'the work folder; the job is in D/<jobid> (default: setting workDir)',
} as const satisfies FlagSpec;
