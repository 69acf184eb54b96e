import {z} from 'zod';
import catalogueJson from './catalogue.json' with {type: 'json'};
import {checkName} from './names.js';
import {formatProblem, problemAt, repeated, type Problem} from './problem.js';
import {catalogueReviewSchema, type CatalogueReview} from './review-rules.js';
import {checkRelativePath} from './safe-path.js';
import type {ObjectLocation, Resources} from './task.js';
import {issuesToProblems} from './zod-problems.js';

export type CatalogueBiobank = {id: string; label: string};

/** An input every job of a type gets, from a bucket of its own (e.g. the pipeline's tarball). */
export type CatalogueInput = ObjectLocation & {name: string; description: string; path: string};

/** What the requester fills in for a type, beyond its inputs. */
export type RequesterChoice = 'outputs' | 'instructions' | 'requirements' | 'resources';

export type AnalysisType = {
	id: string;
	label: string;
	/** A functionality test of a pipeline rather than a real analysis. */
	test: boolean;
	/** The task.json's `description`. */
	description: string;
	inputs: CatalogueInput[];
	/** How many files the requester uploads (`max: null`: any number), and their description. */
	requesterInputs: {min: number; max: number | null; description: string};
	/** Output file names; for a type whose requester gives outputs, none are fixed. */
	outputs: string[];
	instructions: ObjectLocation[];
	requirements: string[];
	/** The resources, or the defaults offered when the requester gives them. */
	resources: Omit<Resources, 'extra'>;
	requesterGives: RequesterChoice[];
};

export type Catalogue = {
	biobanks: CatalogueBiobank[];
	analysisTypes: AnalysisType[];
	/** The release review's default rules; a catalogue without them uses the built-in ones. */
	releaseReview?: CatalogueReview;
};

export type CatalogueResult = {ok: true; catalogue: Catalogue} | {ok: false; problems: Problem[]};

function checked<T extends z.ZodType<string>>(
	schema: T,
	check: (value: string) => string | undefined,
) {
	return schema.check((context) => {
		const reason = check(context.value);
		if (reason) {
			context.issues.push({code: 'custom', message: reason, input: context.value});
		}
	});
}

const nameOf = (kind: 'biobank' | 'bucket' | 'file name') =>
	checked(z.string(), (value) => {
		const check = checkName(kind, value);
		return check.ok ? undefined : check.reason;
	});

const relativePath = checked(z.string(), (value) => {
	const check = checkRelativePath(value);
	return check.ok ? undefined : check.reason;
});

const location = {bucket: nameOf('bucket'), object: z.string().min(1)};

const analysisType = z
	.strictObject({
		id: z.string().regex(/^[\w.-]+$/, {error: 'must be letters, digits, _, . or -'}),
		label: z.string().min(1),
		test: z.boolean(),
		description: z.string(),
		inputs: z.array(
			z.strictObject({
				name: z.string().min(1),
				description: z.string(),
				...location,
				path: relativePath,
			}),
		),
		requesterInputs: z.strictObject({
			min: z.number().int().min(0),
			max: z.number().int().min(0).nullable(),
			description: z.string(),
		}),
		outputs: z.array(relativePath),
		instructions: z.array(z.strictObject(location)),
		requirements: z.array(z.string().min(1)),
		resources: z.strictObject({
			cpuCores: z.number().int().min(1),
			ramGb: z.number().min(0),
			diskGb: z.number().min(0),
			timeHours: z.number().min(0),
			preemptible: z.boolean(),
		}),
		requesterGives: z.array(z.enum(['outputs', 'instructions', 'requirements', 'resources'])),
	})
	.check((context) => {
		const {requesterInputs, outputs, requesterGives} = context.value;
		if (requesterInputs.max !== null && requesterInputs.max < requesterInputs.min) {
			context.issues.push({
				code: 'custom',
				path: ['requesterInputs', 'max'],
				message: 'is less than min',
				input: requesterInputs.max,
			});
		}

		if (outputs.length === 0 && !requesterGives.includes('outputs')) {
			context.issues.push({
				code: 'custom',
				path: ['outputs'],
				message: 'names no output, and the requester is not asked for any',
				input: outputs,
			});
		}
	});

const catalogueSchema = z.strictObject({
	$comment: z.string().optional(),
	biobanks: z.array(z.strictObject({id: nameOf('biobank'), label: z.string().min(1)})).min(1),
	analysisTypes: z.array(analysisType).min(1),
	releaseReview: catalogueReviewSchema.optional(),
});

/**
 * Checks a catalogue (the built-in one, or a consortium's own file) and names every field that is
 * wrong: `analysisTypes[1].resources.ramGb: …`. Unknown fields are refused, so a typo is caught.
 */
export function parseCatalogue(json: unknown): CatalogueResult {
	const parsed = catalogueSchema.safeParse(json, {reportInput: true});
	if (!parsed.success) {
		return {ok: false, problems: issuesToProblems(parsed.error.issues)};
	}

	const {biobanks, analysisTypes, releaseReview} = parsed.data;
	const problems = [
		...repeated(
			biobanks.map((biobank) => biobank.id),
			(index) => ['biobanks', index, 'id'],
		),
		...repeated(
			analysisTypes.map((type) => type.id),
			(index) => ['analysisTypes', index, 'id'],
		),
		...Object.keys(releaseReview?.biobanks ?? {})
			.filter((id) => !biobanks.some((biobank) => biobank.id === id))
			.map((id) =>
				problemAt(['releaseReview', 'biobanks', id], 'is not a biobank of the catalogue'),
			),
	];
	return problems.length > 0
		? {ok: false, problems}
		: {
				ok: true,
				catalogue: releaseReview
					? {biobanks, analysisTypes, releaseReview}
					: {biobanks, analysisTypes},
			};
}

/** Thrown at start-up when the catalogue shipped with the program is broken: a packaging fault. */
export class InvalidCatalogue extends Error {
	readonly problems: Problem[];

	constructor(problems: Problem[]) {
		super(`The catalogue is not valid: ${problems.map(formatProblem).join('; ')}`);
		this.name = 'InvalidCatalogue';
		this.problems = problems;
	}
}

function load(json: unknown): Catalogue {
	const result = parseCatalogue(json);
	if (!result.ok) {
		throw new InvalidCatalogue(result.problems);
	}

	return result.catalogue;
}

/** The deployed tools' biobanks and analysis types, from `catalogue.json`. */
export const builtInCatalogue: Catalogue = load(catalogueJson);

export function findAnalysisType(catalogue: Catalogue, id: string): AnalysisType | undefined {
	return catalogue.analysisTypes.find((type) => type.id === id);
}

export function findBiobank(catalogue: Catalogue, id: string): CatalogueBiobank | undefined {
	return catalogue.biobanks.find((biobank) => biobank.id === id);
}
