import {Text} from '../../../text/screen-text.js';
import prettyBytes from 'pretty-bytes';
import {analysisTypeOf} from '../../../jobs/analysis-type-of.js';
import type {JobDetail} from '../../../jobs/researcher/load-job-detail.js';
import {builtInCatalogue} from '../../../protocol/catalogue.js';
import {formatProblem} from '../../../protocol/problem.js';
import {objectUrl} from '../../../protocol/task.js';
import {statusLooks} from '../../components/status-glyph.js';
import {localTime, timeZoneNote} from '../../time/local-time.js';
import {biobankHistory} from './biobank-history.js';
import {wrapWords} from '../../components/wrap-words.js';
import {tone} from '../../theme.js';
import {displayText, shown} from '../../../text/display-text.js';
import type {PagerLine} from '../../components/pager/pager.js';
import type {BiobankSignOff} from '../../../jobs/analyst/review/job-sign-offs.js';
import {signOffLines} from './sign-off-line.js';

// The pager draws an empty string as no line at all.
const blank = shown` `;

const heading = (text: string) => (
	<Text bold color={tone('accent')}>
		{text}
	</Text>
);

/**
 * A job as a readable page: the task, then each biobank with who, when, why, results and the
 * release review's sign-off. Every value from the bucket (names, reasons, e-mails, paths) goes
 * through `source/text/`.
 */
export function jobDetailLines(
	job: JobDetail & {signOffs?: readonly BiobankSignOff[]},
	width = 80,
): PagerLine[] {
	const lines: PagerLine[] = [];
	const {task, row} = job;
	lines.push(
		<Text bold>
			{task ? displayText(task.name, 200) : row.jobId}{' '}
			<Text color={tone('muted')}>{row.jobId}</Text>
		</Text>,
	);
	if (job.problems) {
		lines.push(
			<Text color={tone('bad')}>This job's task.json is invalid; it cannot be shown in full:</Text>,
		);
		for (const problem of job.problems)
			lines.push(<Text color={tone('bad')}> • {displayText(formatProblem(problem), 300)}</Text>);
	}
	// The zone is said once, beside the first times on the page.
	lines.push(
		<Text>
			<Text bold color={tone('accent')}>
				Biobanks
			</Text>
			<Text color={tone('muted')}> · {timeZoneNote()}</Text>
		</Text>,
	);
	for (const state of job.status.biobanks) {
		const look = statusLooks[state.status];
		const history = biobankHistory(
			job.markers.filter((marker) => marker.biobank === state.biobank),
			state.status,
		);
		lines.push(
			<Text>
				{'  '}
				<Text color={tone(look.tone)}>
					{look.glyph} {displayText(state.biobank, 16).padEnd(16)} {look.word.padEnd(11)}
				</Text>
				{history.summary}
			</Text>,
		);
		// A reason wrapped into lines of its own: one wrapped by Ink would push the pager past the screen.
		for (const part of history.reason ? wrapWords(`reason: ${history.reason}`, width - 6) : [])
			lines.push(<Text color={tone('warning')}>{shown`      ${part}`}</Text>);
		for (const result of state.cell?.results ?? [])
			lines.push(shown`      result ${displayText(result.name, 200)} ${prettyBytes(result.bytes)}`);
		lines.push(...signOffLines(job.signOffs, state.biobank));
	}
	if (task) lines.push(blank, heading('Task'));
	if (task) {
		lines.push(
			shown`Type ${analysisTypeOf(task, builtInCatalogue)} · ${displayText(task.description, 300)} · requested by ${displayText(task.requestor, 200)}`,
		);
		lines.push(
			shown`Submitted ${localTime(row.submittedAt * 1000)} · requirements: ${displayText(task.requirements.join(', '), 300) || 'none'}`,
		);
		const {cpuCores, ramGb, diskGb, timeHours, preemptible} = task.resources;
		lines.push(
			shown`Resources ${cpuCores} cores, ${ramGb} GB RAM, ${diskGb} GB disk, ${timeHours} h${preemptible ? ', preemptible' : ''}`,
		);
		lines.push(blank, heading('Inputs'));
		for (const input of task.inputs) {
			const stored = row.inputs.find((file) => file.key === input.object);
			const size = stored ? prettyBytes(stored.bytes) : '';
			const uploaded = input.object.startsWith(`jobs/${row.user}/${row.jobId}/`);
			lines.push(
				shown`  ${displayText(input.path, 200).padEnd(28)} ${size.padStart(9)}  ${uploaded ? 'uploaded' : `from ${displayText(objectUrl(input), 300)}`}`,
			);
		}
		lines.push(
			blank,
			heading('Expected outputs'),
			shown`  ${displayText(task.outputs.map((output) => output.path).join(', '), 1000) || 'none'}`,
		);
		lines.push(
			blank,
			heading('Instructions'),
			...task.instructions.map(
				(instruction) => shown`  ${displayText(objectUrl(instruction), 300)}`,
			),
		);
	}
	return lines;
}
