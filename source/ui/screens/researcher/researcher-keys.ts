import type {KeyBinding} from '../../keys.js';

export type ResearcherCommand = 'newRequest' | 'download' | 'refresh';

/** The jobs table's own keys; the list and filter keys come with the table. */
export const researcherCommands: ReadonlyArray<KeyBinding<ResearcherCommand>> = [
	{command: 'newRequest', keys: [{text: 'n'}], label: 'n', description: 'new request', hint: 'new'},
	{
		command: 'download',
		keys: [{text: 'd'}],
		label: 'd',
		description: 'download the results of the biobanks where the job is ready',
		hint: 'download',
	},
	{
		command: 'refresh',
		keys: [{text: 'r'}],
		label: 'r',
		description: 'refresh now',
		hint: 'refresh',
	},
];
