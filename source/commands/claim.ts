import prettyBytes from 'pretty-bytes';
import {resolveWorkFolder} from '../jobs/analyst/work-folder.js';
import {biobankFlag, workDirFlag} from './analyst-flags.js';
import {defineCommand, jobIdArgument} from './kit/define-command.js';
import {shown} from '../text/display-text.js';
import {utcTime} from './kit/utc-time.js';

/** `ivjm claim JOBID --biobank B`: claims the job and downloads it; run again, it resumes. */
export const claimCommand = defineCommand({
	name: 'claim',
	summary: 'claim a job and download it into the work folder (again: resume)',
	argument: jobIdArgument('the job, as `ivjm inbox` lists it'),
	details: [
		'Downloads the inputs, the container and the instructions into D/<jobid>, each verified.',
		'Exit code 5 when another analyst holds the job.',
	],
	flags: {biobank: biobankFlag, dir: workDirFlag},
	async run({argument, flags, session, out, progress}) {
		const biobank = flags.biobank ?? '';
		const {analyst, workFolder} = await session();
		const result = await analyst.claim({
			jobId: argument,
			biobank,
			workFolder: resolveWorkFolder(flags.dir, workFolder),
			onClaimed: (claim) => {
				if (!claim.already) progress.note(shown`Claimed ${argument} at ${biobank} as ${claim.by}.`);
			},
			onProgress: progress.update,
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
		if (flags.json) {
			return out.json('claim', {
				id: argument,
				biobank,
				by: result.claim.by,
				at: utcTime(result.claim.at) ?? new Date().toISOString(),
				already: result.claim.already,
				reclaimed: result.claim.reclaimed,
				folder: result.jobFolder,
				files,
			});
		}
		const bytes = files.reduce((sum, file) => sum + file.bytes, 0);
		out.lines(
			shown`${result.claim.already ? 'Already yours' : 'Claimed'}: ${argument} at ${biobank}; ${files.length} files (${prettyBytes(bytes)}) verified in ${result.jobFolder}`,
		);
	},
});
