import prettyBytes from 'pretty-bytes';
import {describeReviewState} from '../jobs/analyst/review/review-summary.js';
import {jobFolderOf, resolveWorkFolder} from '../jobs/analyst/work-folder.js';
import {describeStamp} from '../protocol/review-rules.js';
import {shown} from '../text/display-text.js';
import {biobankFlag, workDirFlag} from './analyst-flags.js';
import {readableTask} from './analyst-job.js';
import {defineCommand, jobIdArgument} from './kit/define-command.js';
import {findingJson, rulesJson} from './review-json.js';

const mark = {blocking: '✘ blocking', warning: '! warning'} as const;

/**
 * `ivjm review JOBID --biobank B`: what the release review finds in each outgoing file, before
 * `deliver` (or a second reviewer's `approve`). Reads the job folder; writes nothing.
 */
export const reviewCommand = defineCommand({
	name: 'review',
	summary: 'scan the outgoing files of a claimed job and print what each would release',
	argument: jobIdArgument('the job you claimed, or were asked to approve'),
	details: [
		'Scans every declared output in D/<jobid> (and each --extra) as deliver will, and prints',
		'per file its findings: blocking ones (a column that identifies people, a per-person',
		'format, an undeclared file, content the scan cannot read) need `deliver --justify` or',
		'`--hold`; warnings (small counts, cohort-sized tables) are for you to look at. Writes',
		'nothing; exit 0 whatever it finds.',
	],
	flags: {
		biobank: biobankFlag,
		dir: workDirFlag,
		extra: {
			type: 'strings',
			value: 'FILE',
			help: 'a further file of the job folder you mean to deliver (repeatable)',
		},
	},
	async run({argument, flags, session, out, progress}) {
		const biobank = flags.biobank ?? '';
		const {analyst, workFolder} = await session();
		const jobFolder = jobFolderOf(resolveWorkFolder(flags.dir, workFolder), argument);
		const task = await readableTask(analyst, biobank, argument);
		const review = await analyst.review({
			task,
			biobank,
			jobFolder,
			extras: flags.extra,
			onProgress: (event) =>
				progress.update({
					files: [{relative: event.file, state: 'running', done: 0, total: 0}],
					done: event.done,
					total: event.total,
				}),
		});
		progress.done();
		const missing = review.checklist.outputs
			.filter((output) => output.state !== 'present')
			.map((output) => output.relative);
		const files = review.scans.map((scan, index) => ({
			path: scan.file,
			declared: index < review.checklist.outputs.length - missing.length,
			bytes: scan.bytes,
			sha256: scan.sha256,
			findings: scan.findings.map(findingJson),
		}));
		const stateText = describeReviewState(review.state);
		if (flags.json) {
			return out.json('review', {
				id: argument,
				biobank,
				rules: rulesJson(review.rules),
				state: review.state.state,
				stateText,
				missing,
				files,
			});
		}
		const rules = review.rules;
		out.lines(
			shown`${argument} at ${biobank}: ${describeStamp(rules.stamp)}, counts below ${rules.rules.threshold} flagged, ${rules.rules.secondReviewer ? 'a second analyst approves' : 'one reviewer'}; ${stateText}`,
			...missing.map((path) => shown`missing: ${path} (declared, not in ${jobFolder})`),
		);
		for (const file of files) {
			const blocking = file.findings.filter((finding) => finding.severity === 'blocking').length;
			const verdict =
				blocking > 0
					? `${blocking} blocking: --justify or --hold`
					: file.findings.length > 0
						? 'warnings only'
						: 'nothing found';
			out.lines(
				'',
				shown`${file.path}  ${prettyBytes(file.bytes)}${file.declared ? '' : '  (not declared)'}  ${verdict}`,
				...file.findings.map((finding) => shown`  ${mark[finding.severity]}: ${finding.text}`),
			);
		}
	},
});
