import {InvalidJob} from '../jobs/analyst/analyst-errors.js';
import {jobFolderOf, resolveWorkFolder} from '../jobs/analyst/work-folder.js';
import type {Command} from './command.js';
import {exitCodes} from './exit-codes.js';
import {
	biobankFlag,
	jobIdArgument,
	progressReporter,
	runAnalystCommand,
	stringFlag,
	UsageError,
} from './analyst-common.js';
import {jsonText} from '../text/json-text.js';

const usage = 'deliver JOBID --biobank B [--dir D] [--extra FILE]... [--json]';

/**
 * `ivjm deliver JOBID --biobank B [--dir D]`: uploads the declared outputs from `D/JOBID` (and each
 * `--extra FILE`), verifies them, then marks the job ready. Nothing is marked when an output is missing.
 */
export const deliverCommand: Command = {
	name: 'deliver',
	usage,
	summary: 'upload the results of a claimed job, verified, then mark it ready',
	async run(context) {
		return runAnalystCommand(context, async () => {
			const biobank = biobankFlag(context.flags);
			const jobId = jobIdArgument(context.args, usage);
			const extraFlag = context.flags['extra'];
			const extras =
				extraFlag === undefined ? [] : Array.isArray(extraFlag) ? extraFlag : [extraFlag];
			if (!extras.every((extra): extra is string => typeof extra === 'string')) {
				throw new UsageError('--extra takes a file name in the job folder.');
			}

			const dir = stringFlag(context.flags, 'dir');
			const session = await context.openSession();
			const jobFolder = jobFolderOf(resolveWorkFolder(dir, session.workFolder), jobId);
			const job = await session.analyst.job(biobank, jobId);
			if (!job.task || job.problems) {
				throw new InvalidJob(jobId, job.problems ?? [{path: '', message: 'task.json is missing'}]);
			}

			const progress = progressReporter(context.stderr);
			const result = await session.analyst.deliver({
				task: job.task,
				biobank,
				jobFolder,
				extras,
				onProgress: (figures) =>
					progress.update({
						...figures,
						current: figures.files.find((file) => file.state === 'running')?.relative,
					}),
			});
			progress.done();
			const files = result.files.map((file) => ({
				path: file.relative,
				key: file.key,
				bytes: file.upload.bytes,
				sha256: file.upload.sha256,
			}));
			if (context.flags['json'] === true) {
				context.stdout.write(
					`${jsonText({jobId, biobank, status: 'ready', ready: result.readyKey, files})}\n`,
				);
			} else {
				context.stdout.write(
					`Delivered ${jobId} at ${biobank}: ${files.length} files uploaded and verified; marked ready.\n`,
				);
			}

			return exitCodes.ok;
		});
	},
};
