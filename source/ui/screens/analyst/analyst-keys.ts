import type {KeyBinding} from '../../keys.js';

export type InboxCommand = 'refresh';

/** The inbox's own keys; the list and filter keys come with the table. */
export const inboxCommands: ReadonlyArray<KeyBinding<InboxCommand>> = [
	{
		command: 'refresh',
		keys: [{text: 'r'}],
		label: 'r',
		description: 'refresh now',
		hint: 'refresh',
	},
];

export type AnalystJobCommand =
	'claim' | 'deliver' | 'second-review' | 'fail' | 'decline' | 'instructions' | 'refresh';

export const analystJobCommands: ReadonlyArray<KeyBinding<AnalystJobCommand>> = [
	{
		command: 'claim',
		keys: [{text: 'c'}],
		label: 'c',
		description: 'claim the job and download it (again: resume the download)',
		hint: 'claim',
	},
	{
		command: 'instructions',
		keys: [{text: 'i'}],
		label: 'i',
		description: 'read the instructions (text only, never run)',
		hint: 'read',
	},
	{
		command: 'deliver',
		keys: [{text: 'u'}],
		label: 'u',
		description: 'check the outputs, review each file, upload the released ones, mark ready',
		hint: 'deliver',
	},
	{
		command: 'second-review',
		keys: [{text: 'v'}],
		label: 'v',
		description: "second review: approve or send back another analyst's reviewed delivery",
		hint: '2nd review',
	},
	{
		command: 'fail',
		keys: [{text: 'f'}],
		label: 'f',
		description: 'mark the run failed, with a reason',
		hint: 'fail',
	},
	{
		command: 'decline',
		keys: [{text: 'x'}],
		label: 'x',
		description: 'decline the job, with a reason',
		hint: 'decline',
	},
	{
		command: 'refresh',
		keys: [{text: 'r'}],
		label: 'r',
		description: 'refresh now',
		hint: 'refresh',
	},
];

export type DeliverCommand = 'toggle' | 'upload' | 'recheck' | 'back';

/** The delivery checklist: extra files are added one by one, on purpose. */
export const deliverCommands: ReadonlyArray<KeyBinding<DeliverCommand>> = [
	{
		command: 'toggle',
		keys: [{text: ' '}],
		label: 'space',
		description: 'add or leave out the extra file under the cursor',
		hint: 'add/leave out',
	},
	{
		command: 'upload',
		keys: [{text: 'u'}],
		label: 'u',
		description: 'scan and review each outgoing file before anything is uploaded',
		hint: 'review',
	},
	{
		command: 'recheck',
		keys: [{text: 'r'}],
		label: 'r',
		description: 'check the job folder again',
		hint: 'check again',
	},
	{
		command: 'back',
		keys: [{name: 'escape'}],
		label: 'esc',
		description: 'back to the job, nothing uploaded',
		hint: 'back',
	},
];

/** While a download or an upload runs: only stopping it. */
export const transferKeys: ReadonlyArray<KeyBinding<'stop'>> = [
	{
		command: 'stop',
		keys: [{name: 'escape'}],
		label: 'esc',
		description: 'stop; the next start continues where this one stopped',
		hint: 'stop',
	},
];
