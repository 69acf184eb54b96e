import {readFile} from 'node:fs/promises';
import {z} from 'zod';
import {describeLocalFile} from '../jobs/researcher/local-file.js';
import {builtInCatalogue, findAnalysisType} from '../protocol/catalogue.js';
import {checkChoice} from './kit/did-you-mean.js';
import {analysisChoices, biobankChoices} from './kit/flags.js';
import {UsageError} from './kit/usage-error.js';

/** The request file of `ivjm submit --task FILE.json` (documented in the readme). */
const requestFile = z.strictObject({
	name: z.string().min(1),
	email: z.string().email(),
	biobanks: z.array(z.string()).min(1),
	analysis: z.string(),
	outputs: z.array(z.string()).optional(),
	requirements: z.array(z.string()).optional(),
	resources: z
		.strictObject({
			cpuCores: z.number().positive(),
			ramGb: z.number().positive(),
			diskGb: z.number().positive(),
			timeHours: z.number().positive(),
			preemptible: z.boolean().default(false),
		})
		.optional(),
	instructions: z.string().optional(),
});

/** A file to upload, checked to exist. */
export async function localFile(path: string): Promise<{path: string; name: string}> {
	const file = await describeLocalFile(path);
	if (!file.ok) throw new UsageError(file.reason);
	return {path: file.path, name: file.name};
}

/**
 * The request in `path`: JSON of the shape above, its biobanks and analysis type from the
 * catalogue (a near miss is named: "unknown biobank hus; did you mean HUS?").
 */
export async function readRequest(path: string) {
	let json: unknown;
	try {
		json = JSON.parse(await readFile(path, 'utf8'));
	} catch (error) {
		throw new UsageError(`${path} is not a readable JSON file: ${(error as Error).message}`);
	}
	const parsed = requestFile.safeParse(json);
	if (!parsed.success) {
		throw new UsageError(
			`${path}: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || '(top)'}: ${issue.message}`).join('; ')}`,
			'The readme ("Commands for scripts") shows the request file.',
		);
	}
	const request = parsed.data;
	for (const biobank of request.biobanks) {
		checkChoice(biobankChoices.what, biobank, biobankChoices.values());
	}
	const id = checkChoice(analysisChoices.what, request.analysis, analysisChoices.values());
	const analysis = findAnalysisType(builtInCatalogue, id);
	if (!analysis) throw new UsageError(`unknown analysis type ${id}`);
	return {...request, analysis};
}
