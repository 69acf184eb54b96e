import {listKeys, type KeyBinding} from '../../keys.js';

export const biobankPickerKeys: ReadonlyArray<KeyBinding> = listKeys;

export type InboxCommand = 'filter' | 'quickFilter' | 'refresh';

export const inboxCommands: ReadonlyArray<KeyBinding<InboxCommand>> = [
	{
		command: 'filter',
		keys: [{text: '/'}],
		label: '/',
		description: 'filter by any text',
		hint: 'filter',
	},
	{
		command: 'quickFilter',
		keys: [{name: 'tab'}],
		label: 'tab',
		description: 'next quick filter (all, new, mine in progress, done)',
		hint: 'view',
	},
	{
		command: 'refresh',
		keys: [{text: 'r'}],
		label: 'r',
		description: 'refresh now',
		hint: 'refresh',
	},
];

export const inboxKeys: ReadonlyArray<KeyBinding> = [...listKeys, ...inboxCommands];

export type AnalystJobCommand =
	'claim' | 'deliver' | 'fail' | 'decline' | 'instructions' | 'refresh';

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
		description: 'check the outputs and upload the results, then mark ready',
		hint: 'deliver',
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
	},
];

export const analystJobKeys: ReadonlyArray<KeyBinding> = [
	...listKeys.filter((binding) => binding.command !== 'open'),
	...analystJobCommands,
];

export type DeliverCommand = 'toggle' | 'upload';

/** The delivery checklist: extra files are added one by one, on purpose. */
export const deliverCommands: ReadonlyArray<KeyBinding<DeliverCommand>> = [
	{
		command: 'toggle',
		keys: [{text: ' '}],
		label: 'space',
		description: 'add or leave out the extra file under the cursor',
	},
	{
		command: 'upload',
		keys: [{text: 'u'}],
		label: 'u',
		description: 'upload the results and mark the job ready',
	},
];
