import type {ReleaseDecisions} from '../jobs/analyst/review/release-decisions.js';
import {jobFolderOf, resolveWorkFolder} from '../jobs/analyst/work-folder.js';
import {shown} from '../text/display-text.js';
import {biobankFlag, workDirFlag} from './analyst-flags.js';
import {readableTask} from './analyst-job.js';
import {defineCommand, jobIdArgument} from './kit/define-command.js';
import {UsageError} from './kit/usage-error.js';

/**
 * `ivjm deliver JOBID --biobank B`: every outgoing file is scanned (release review), then the
 * released ones are uploaded, verified, and the job is marked ready; under a biobank's
 * two-person policy it waits for a second analyst instead.
 */
export const deliverCommand = defineCommand({
	name: 'deliver',
	summary: 'review and upload the results of a claimed job, verified, then mark it ready',
	argument: jobIdArgument('the job you claimed'),
	details: [
		'Every outgoing file is scanned first; a file with a blocking finding (a column that',
		'identifies people, a per-person format, an undeclared file…) leaves only with --justify,',
		'or stays with --hold. Nothing is uploaded or marked when one is refused (exit 5), or when a',
		'declared output is missing from D/<jobid> (exit 1). Under a two-person policy the result',
		'is status awaiting-second-review: nothing left yet.',
	],
	flags: {
		biobank: biobankFlag,
		dir: workDirFlag,
		extra: {
			type: 'strings',
			value: 'FILE',
			help: 'a further file of the job folder to deliver (repeatable)',
		},
		hold: {
			type: 'strings',
			value: 'FILE',
			help: 'a file (as the job folder names it) that stays on the host (repeatable)',
		},
		justify: {
			type: 'strings',
			value: 'FILE=WHY',
			help: 'why FILE may leave despite its blocking findings (repeatable)',
		},
	},
	async run({argument, flags, session, out, progress}) {
		const biobank = flags.biobank ?? '';
		const review = releaseDecisions(flags.hold, flags.justify);
		const {analyst, workFolder} = await session();
		const jobFolder = jobFolderOf(resolveWorkFolder(flags.dir, workFolder), argument);
		const task = await readableTask(analyst, biobank, argument);
		const result = await analyst.deliver({
			task,
			biobank,
			jobFolder,
			extras: flags.extra,
			review,
			onProgress: progress.update,
		});
		progress.done();
		const files = result.files.map((file) => ({
			path: file.relative,
			object: file.key,
			bytes: file.upload.bytes,
			sha256: file.upload.sha256,
		}));
		const held = review.hold ?? [];
		if (flags.json) {
			return out.json('deliver', {
				id: argument,
				biobank,
				status: result.state,
				review: result.reviewKey,
				held: [...held],
				files,
			});
		}
		out.lines(
			result.state === 'ready'
				? shown`Delivered ${argument} at ${biobank}: ${files.length} files uploaded and verified${held.length > 0 ? `, ${held.length} held back` : ''}; marked ready.`
				: shown`${argument} at ${biobank} awaits a second review: another analyst of ${biobank} approves it; nothing was uploaded yet.`,
		);
	},
});

/** `--hold FILE…` and `--justify FILE=WHY…` as the review's decisions. */
function releaseDecisions(hold: string[], justify: string[]): ReleaseDecisions {
	const reasons: Record<string, string> = {};
	for (const entry of justify) {
		const at = entry.indexOf('=');
		const file = at > 0 ? entry.slice(0, at) : '';
		const why = at > 0 ? entry.slice(at + 1).trim() : '';
		if (file === '' || why === '') {
			throw new UsageError(
				`--justify takes FILE=WHY (the file as the job folder names it, then why it may leave); got ${JSON.stringify(entry)}.`,
			);
		}
		if (reasons[file] !== undefined) throw new UsageError(`--justify names ${file} twice.`);
		reasons[file] = why;
	}
	return {hold, justify: reasons};
}
