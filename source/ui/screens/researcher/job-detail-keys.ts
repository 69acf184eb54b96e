import type {KeyBinding} from '../../keys.js';

export type JobDetailCommand =
	| 'download'
	| 'cancel'
	| 'delete'
	| 'resubmit'
	| 'instructions'
	| 'copy'
	| 'copyResults'
	| 'refresh';

export const jobDetailCommands: ReadonlyArray<KeyBinding<JobDetailCommand>> = [
	{
		command: 'download',
		keys: [{text: 'd'}],
		label: 'd',
		description: 'download the results of the ready biobanks',
		hint: 'download',
	},
	{
		command: 'cancel',
		keys: [{text: 'c'}],
		label: 'c',
		description: 'cancel the job at every biobank not ready yet',
		hint: 'cancel',
	},
	{
		command: 'delete',
		keys: [{text: 'x'}],
		label: 'x',
		description: 'delete the job and everything it stored',
		hint: 'delete',
	},
	{
		command: 'resubmit',
		keys: [{text: 'R'}],
		label: 'R',
		description:
			'resubmit: the request form filled from this job, to the biobanks that gave up (inputs copied)',
		hint: 'resubmit',
	},
	{
		command: 'instructions',
		keys: [{text: 'i'}],
		label: 'i',
		description: 'read the instructions you sent with the job, as the analysts read them',
		hint: 'instructions',
	},
	{
		command: 'copy',
		keys: [{text: 'y'}],
		label: 'y',
		description: "copy the job id to your computer's clipboard (OSC 52: works over SSH)",
		hint: 'copy id',
	},
	{
		// Help only: the footer has no room left at 80 columns.
		command: 'copyResults',
		keys: [{text: 'Y'}],
		label: 'Y',
		description: 'copy the command that downloads the results (ivjm results <id>) to the clipboard',
	},
	{
		command: 'refresh',
		keys: [{text: 'r'}],
		label: 'r',
		description: 'refresh now',
		hint: 'refresh',
	},
];
