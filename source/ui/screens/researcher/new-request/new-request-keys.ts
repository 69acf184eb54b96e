import type {KeyBinding} from '../../../keys.js';
import type {StepId} from './request-draft.js';

export type FormCommand = 'next' | 'previous' | 'submit';

/** Steps answered in a text field: letters are text there. */
export const fieldSteps: ReadonlySet<StepId> = new Set([
	'name',
	'email',
	'inputs',
	'instructions',
	'outputs',
	'requirements',
	'resources',
]);

/**
 * The form's own keys at a step. A field takes enter itself (it checks what was typed first),
 * and the lists of the biobank and analysis steps bring their own keys; esc steps back, and on
 * the first step leaves the form, asking first when something is filled in.
 */
export function formKeys(step: StepId, first: boolean): Array<KeyBinding<FormCommand>> {
	const previous: KeyBinding<FormCommand> = {
		command: 'previous',
		keys: [{name: 'escape'}],
		label: 'esc',
		description: first ? 'leave the form (asks first if anything is filled in)' : 'previous step',
		hint: first ? 'back' : 'previous step',
	};
	if (step === 'review') {
		return [
			{
				command: 'submit',
				keys: [{name: 'enter'}],
				label: 'enter',
				description: 'submit: upload the inputs, then publish the request',
				hint: 'submit',
			},
			previous,
		];
	}
	if (!fieldSteps.has(step)) return [previous];
	return [
		{
			command: 'next',
			keys: [{name: 'enter'}],
			label: 'enter',
			description: 'next step',
			hint: 'next',
		},
		previous,
	];
}
