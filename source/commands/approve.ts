import {jobFolderOf, resolveWorkFolder} from '../jobs/analyst/work-folder.js';
import {shown} from '../text/display-text.js';
import {biobankFlag, workDirFlag} from './analyst-flags.js';
import {defineCommand, jobIdArgument} from './kit/define-command.js';

/**
 * `ivjm approve JOBID --biobank B`: the second reviewer lets a reviewed delivery go. Their ivjm
 * scans the same files (same SHA-256) in their own job folder, uploads them, writes the sign-off
 * and then `ready`.
 */
export const approveCommand = defineCommand({
	name: 'approve',
	summary: "approve another analyst's reviewed delivery: upload it, sign off, mark it ready",
	argument: jobIdArgument('the job awaiting your second review'),
	details: [
		'The files must be in D/<jobid> as the first reviewer reviewed them (the same SHA-256s);',
		'`ivjm review` shows their findings first. Exit 5 when the job awaits no second review,',
		'when you reviewed it first, when the policy does not name you, or when a file differs.',
	],
	flags: {biobank: biobankFlag, dir: workDirFlag},
	async run({argument, flags, session, out, progress}) {
		const biobank = flags.biobank ?? '';
		const {analyst, workFolder, user} = await session();
		const jobFolder = jobFolderOf(resolveWorkFolder(flags.dir, workFolder), argument);
		const result = await analyst.approve({
			jobId: argument,
			biobank,
			jobFolder,
			onProgress: progress.update,
		});
		progress.done();
		const reviewer = result.signOff.reviewers.find((entry) => entry.role === 'first')?.user ?? '';
		const files = result.files.map((file) => ({
			path: file.relative,
			object: file.key,
			bytes: file.upload.bytes,
			sha256: file.upload.sha256,
		}));
		if (flags.json) {
			return out.json('approve', {
				id: argument,
				biobank,
				status: 'ready',
				reviewer,
				by: user,
				review: result.signOffKey,
				files,
			});
		}
		out.lines(
			shown`Approved ${argument} at ${biobank} (reviewed by ${reviewer}): ${files.length} files uploaded and verified, signed off; marked ready.`,
		);
	},
});
