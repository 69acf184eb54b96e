import type {AnalysisType, Catalogue} from '../../../../protocol/catalogue.js';
import {checkRelativePath} from '../../../../protocol/safe-path.js';
import type {Resources} from '../../../../protocol/task.js';

/** A local file picked for upload, with what the disk said about it. */
export type PickedFile = {path: string; name: string; bytes: number};

/** The new-request form's answers so far. */
export type RequestDraft = {
	name: string;
	email: string;
	biobanks: string[];
	analysis: string;
	inputFiles: PickedFile[];
	instructionsFile?: PickedFile;
	outputs: string;
	requirements: string;
	resources: Omit<Resources, 'extra'>;
};

export type StepId =
	| 'name'
	| 'email'
	| 'biobanks'
	| 'analysis'
	| 'inputs'
	| 'instructions'
	| 'outputs'
	| 'requirements'
	| 'resources'
	| 'review';

export function initialDraft(catalogue: Catalogue): RequestDraft {
	const other =
		catalogue.analysisTypes.find((type) => type.id === 'other') ?? catalogue.analysisTypes[0];
	return {
		name: '',
		email: '',
		biobanks: [],
		analysis: '',
		inputFiles: [],
		outputs: '',
		requirements: 'singularity',
		resources: {
			...(other?.resources ?? {
				cpuCores: 1,
				ramGb: 2,
				diskGb: 20,
				timeHours: 1,
				preemptible: false,
			}),
		},
	};
}

/** Something was typed or chosen that leaving the form would throw away. */
export function draftHasWork(draft: RequestDraft): boolean {
	return (
		draft.name.trim() !== '' ||
		draft.email.trim() !== '' ||
		draft.biobanks.length > 0 ||
		draft.analysis !== '' ||
		draft.inputFiles.length > 0 ||
		draft.instructionsFile !== undefined ||
		draft.outputs.trim() !== ''
	);
}

/** The steps of the form for an analysis type: only what that type asks the requester for. */
export function stepsFor(analysis: AnalysisType | undefined): StepId[] {
	const steps: StepId[] = ['name', 'email', 'biobanks', 'analysis'];
	if (!analysis) return steps;
	if (analysis.requesterInputs.max !== 0) steps.push('inputs');
	const gives = new Set(analysis.requesterGives);
	if (gives.has('instructions')) steps.push('instructions');
	if (gives.has('outputs')) steps.push('outputs');
	if (gives.has('requirements')) steps.push('requirements');
	if (gives.has('resources')) steps.push('resources');
	return [...steps, 'review'];
}

export const stepTitles: Record<StepId, string> = {
	name: 'Task name',
	email: 'Your e-mail (results and questions go here)',
	biobanks: 'Target biobanks',
	analysis: 'Analysis type',
	inputs: 'Input files (the container is one of them)',
	instructions: 'Instructions for the analysts: a file, or write them in $EDITOR',
	outputs: 'Expected output file names, comma-separated',
	requirements: 'Requirements, comma-separated',
	resources: 'Resources the job needs at each biobank',
	review: 'Review',
};

/** Why the answer to `step` cannot be taken yet, or undefined when it can. */
export function stepProblem(
	step: StepId,
	draft: RequestDraft,
	analysis: AnalysisType | undefined,
): string | undefined {
	switch (step) {
		case 'name':
			if (draft.name.trim() === '') return 'Give the task a name.';
			return draft.name.length > 100 ? 'Keep the name under 100 characters.' : undefined;
		case 'email':
			return /^[^\s@]+@[^\s@]+\.[^\s@]+$/u.test(draft.email.trim())
				? undefined
				: `${draft.email || 'An empty address'} is not an e-mail address.`;
		case 'biobanks':
			return draft.biobanks.length === 0
				? 'Choose at least one biobank (space toggles).'
				: undefined;
		case 'analysis':
			return analysis ? undefined : 'Choose an analysis type.';
		case 'inputs':
			return inputsProblem(draft, analysis);
		case 'instructions':
			return draft.instructionsFile ? undefined : 'The analysts need an instructions file.';
		case 'outputs':
			return outputsProblem(splitList(draft.outputs));
		case 'requirements':
		case 'review':
			return undefined;
		case 'resources': {
			const {cpuCores, ramGb, diskGb, timeHours} = draft.resources;
			return [cpuCores, ramGb, diskGb, timeHours].every(
				(value) => Number.isFinite(value) && value > 0,
			)
				? undefined
				: 'Every resource must be a number above zero.';
		}
	}
}

function inputsProblem(
	draft: RequestDraft,
	analysis: AnalysisType | undefined,
): string | undefined {
	const {min, max} = analysis?.requesterInputs ?? {min: 0, max: null};
	const count = draft.inputFiles.length;
	if (count < min)
		return `Add ${min === max ? min : `at least ${min}`} input file${min === 1 ? '' : 's'}.`;
	if (max !== null && count > max)
		return `This analysis takes at most ${max} input file${max === 1 ? '' : 's'}.`;
	const names = draft.inputFiles.map((file) => file.name);
	const twice = names.find((name, index) => names.indexOf(name) !== index);
	return twice ? `Two input files are called ${twice}: rename one.` : undefined;
}

function outputsProblem(outputs: string[]): string | undefined {
	if (outputs.length === 0) return 'Name at least one output file.';
	for (const output of outputs) {
		const check = checkRelativePath(output);
		if (!check.ok) return `${output}: ${check.reason}`;
	}
	return undefined;
}

export function splitList(text: string): string[] {
	return text
		.split(',')
		.map((item) => item.trim())
		.filter(Boolean);
}
