import prettyBytes from 'pretty-bytes';
import {resolveWorkFolder} from '../jobs/analyst/work-folder.js';
import type {Command} from './command.js';
import {exitCodes} from './exit-codes.js';
import {
	biobankFlag,
	jobIdArgument,
	progressReporter,
	runAnalystCommand,
	stringFlag,
} from './analyst-common.js';
import {jsonText} from '../text/json-text.js';

const usage = 'claim JOBID --biobank B [--dir D] [--json]';

/**
 * `ivjm claim JOBID --biobank B [--dir D]`: claims the job and downloads its inputs, container and
 * instructions into `D/JOBID` (default: the `workDir` setting). Run again, it resumes. Exit code 5 when
 * another analyst holds the job.
 */
export const claimCommand: Command = {
	name: 'claim',
	usage,
	summary: 'claim a job and download it into the work folder (again: resume)',
	async run(context) {
		return runAnalystCommand(context, async () => {
			const biobank = biobankFlag(context.flags);
			const jobId = jobIdArgument(context.args, usage);
			const dir = stringFlag(context.flags, 'dir');
			const session = await context.openSession();
			const work = resolveWorkFolder(dir, session.workFolder);
			const progress = progressReporter(context.stderr);
			const result = await session.analyst.claim({
				jobId,
				biobank,
				workFolder: work,
				onClaimed: (claim) => {
					if (context.stderr.isTTY && !claim.already) {
						context.stderr.write(`Claimed ${jobId} at ${biobank} as ${claim.by}.\n`);
					}
				},
				onProgress: (figures) =>
					progress.update({
						...figures,
						current: figures.files.find((file) => file.state === 'running')?.relative,
					}),
			});
			progress.done();
			const files = result.files.map((file) => ({
				path: file.relative,
				kind: file.kind,
				bytes: file.result.bytes,
				sha256: file.result.sha256,
				verifiedBy: file.result.verifiedBy,
				skipped: file.result.skipped,
			}));
			if (context.flags['json'] === true) {
				context.stdout.write(
					`${jsonText({
						jobId,
						biobank,
						by: result.claim.by,
						at: result.claim.at,
						already: result.claim.already,
						reclaimed: result.claim.reclaimed,
						jobFolder: result.jobFolder,
						files,
					})}\n`,
				);
			} else {
				const bytes = files.reduce((sum, file) => sum + file.bytes, 0);
				context.stdout.write(
					`${result.claim.already ? 'Already yours' : 'Claimed'}: ${jobId} at ${biobank}; ${files.length} files (${prettyBytes(bytes)}) verified in ${result.jobFolder}\n`,
				);
			}

			return exitCodes.ok;
		});
	},
};
