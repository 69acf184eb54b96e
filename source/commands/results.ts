import {resolve} from 'node:path';
import type {Command} from './command.js';
import {progressPrinter, requireArgument, stringFlag, writeJson} from './command-helpers.js';
import {exitCodes} from './exit-codes.js';

export const resultsCommand: Command = {
	name: 'results',
	usage: 'results JOBID [--biobank B] [--dir D]',
	summary: 'download verified results into D/<jobid>/<biobank>/',
	async run(context) {
		const jobId = requireArgument(context, 0, 'the job id');
		const session = await context.openSession();
		const folder = resolve(stringFlag(context, 'dir') ?? session.downloadFolder);
		const job = await session.researcher.job(jobId);
		const show = progressPrinter(context);
		const done = await session.researcher.downloadResults(job, folder, {
			biobank: stringFlag(context, 'biobank'),
			onFileProgress: (file, progress) => show(`${file.biobank}/${file.name}`, progress),
		});
		const files = done.map((file) => ({
			biobank: file.biobank,
			name: file.name,
			path: file.result.path,
			bytes: file.result.bytes,
			sha256: file.result.sha256,
			verifiedBy: file.result.verifiedBy,
			skipped: file.result.skipped,
		}));
		if (context.flags['json']) writeJson(context, files);
		else
			for (const file of files)
				context.stdout.write(
					`${file.path}\t${file.bytes}\t${file.verifiedBy}${file.skipped ? '\t(already there)' : ''}\n`,
				);
		return exitCodes.ok;
	},
};
