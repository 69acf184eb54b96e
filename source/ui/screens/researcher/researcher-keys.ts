import {listKeys, type KeyBinding} from '../../keys.js';

export type ResearcherCommand = 'newRequest' | 'download' | 'filter' | 'quickFilter' | 'refresh';

export const researcherCommands: ReadonlyArray<KeyBinding<ResearcherCommand>> = [
	{command: 'newRequest', keys: [{text: 'n'}], label: 'n', description: 'new request', hint: 'new'},
	{
		command: 'download',
		keys: [{text: 'd'}],
		label: 'd',
		description: 'download the results of a job ready everywhere',
		hint: 'download',
	},
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
		description: 'next quick filter (all, active, needs attention, ready)',
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

export const researcherKeys: ReadonlyArray<KeyBinding> = [...listKeys, ...researcherCommands];
