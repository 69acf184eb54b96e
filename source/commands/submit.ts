import {readFile} from 'node:fs/promises';
import {z} from 'zod';
import {describeLocalFile} from '../jobs/researcher/local-file.js';
import {builtInCatalogue, findAnalysisType} from '../protocol/catalogue.js';
import type {Command, CommandContext} from './command.js';
import {progressPrinter, stringFlag, UsageError, writeJson} from './command-helpers.js';
import {exitCodes} from './exit-codes.js';

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

async function localFile(path: string) {
	const file = await describeLocalFile(path);
	if (!file.ok) throw new UsageError(file.reason);
	return {path: file.path, name: file.name};
}

async function readRequest(context: CommandContext) {
	const path = stringFlag(context, 'task');
	if (path === undefined) throw new UsageError('Give the request with --task FILE.json.');
	let json: unknown;
	try {
		json = JSON.parse(await readFile(path, 'utf8'));
	} catch (error) {
		throw new UsageError(`${path} is not a readable JSON file: ${(error as Error).message}`);
	}
	const parsed = requestFile.safeParse(json);
	if (!parsed.success)
		throw new UsageError(
			`${path}: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || '(top)'}: ${issue.message}`).join('; ')}`,
		);
	return parsed.data;
}

export const submitCommand: Command = {
	name: 'submit',
	usage: 'submit --task FILE.json [--input PATH…]',
	summary: 'submit a request: upload inputs, then publish it',
	async run(context) {
		const request = await readRequest(context);
		const analysis = findAnalysisType(builtInCatalogue, request.analysis);
		if (!analysis)
			throw new UsageError(
				`Unknown analysis type ${request.analysis}; the catalogue has ${builtInCatalogue.analysisTypes.map((type) => type.id).join(', ')}.`,
			);
		const inputs = (context.flags['input'] as string[] | undefined) ?? [];
		const session = await context.openSession();
		const prepared = session.researcher.prepareSubmit({
			user: session.user,
			name: request.name,
			requestor: request.email,
			biobanks: request.biobanks,
			analysis,
			inputFiles: await Promise.all(inputs.map(localFile)),
			instructionsFile: request.instructions ? await localFile(request.instructions) : undefined,
			outputs: request.outputs,
			requirements: request.requirements,
			resources: request.resources,
		});
		const show = progressPrinter(context);
		const jobId = await session.researcher.submit(prepared, {onFileProgress: show});
		if (context.flags['json'])
			writeJson(context, {
				id: jobId,
				biobanks: prepared.plan.task.biobanks,
				uploads: prepared.plan.uploads.map((upload) => upload.key),
			});
		else context.stdout.write(`${jobId}\n`);
		return exitCodes.ok;
	},
};
