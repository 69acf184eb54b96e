import {defineCommand, jobIdArgument} from './kit/define-command.js';
import {notMineFlag} from './researcher-flags.js';
import {shown} from '../text/display-text.js';
import {UsageError} from './kit/usage-error.js';

/** `ivjm delete JOBID --yes`: the job, its inbox notes and its large-object segments. */
export const deleteCommand = defineCommand({
	name: 'delete',
	summary: 'delete a job, its inbox notes and its large-object segments',
	argument: jobIdArgument('the job, as `ivjm jobs` lists it'),
	details: ['Without --yes it deletes nothing and says what would go (exit code 2).'],
	flags: {
		yes: {type: 'boolean', help: 'delete: without it, only say what would be deleted'},
		notMine: notMineFlag,
	},
	async run({argument, flags, session, out}) {
		const {researcher} = await session();
		const job = await researcher.job(argument);
		const plan = await researcher.planDelete(
			argument,
			job.status.biobanks.map((state) => state.biobank),
			undefined,
			{notMine: flags.notMine},
		);
		const summary = {
			objects: plan.objects.length,
			results: plan.resultCount,
			requests: plan.requests.length,
			segments: plan.segments.length,
		};
		if (!flags.yes) {
			throw new UsageError(
				`Deleting ${argument} removes ${summary.objects} objects (${summary.results} results), ${summary.requests} inbox notes and ${summary.segments} segments.`,
				`Add --yes to do it: ivjm delete ${argument} --yes`,
			);
		}
		const deleted = await researcher.delete(plan);
		if (flags.json) return out.json('delete', {id: argument, deleted, ...summary});
		out.lines(shown`Deleted ${argument}: ${deleted} objects.`);
	},
});
