import {Box} from 'ink';
import {Text} from '../../../text/screen-text.js';
import {maxReasonLength} from '../../../jobs/analyst/give-up-job.js';
import {TextField} from '../../components/text-field/text-field.js';
import {useKeymap} from '../../hooks/use-keymap.js';
import {KeyLayer} from '../../hooks/use-keys.js';
import {useLatestState} from '../../hooks/use-latest-state.js';
import type {KeyBinding} from '../../keys.js';
import {tone} from '../../theme.js';

export type ReasonFormProps = {
	marker: 'failed' | 'declined';
	jobId: string;
	/** What was typed before (a send that failed): the form opens with it, nothing is retyped. */
	initial?: string;
	onSubmit: (reason: string) => void;
	onCancel: () => void;
};

const reasonKeys: ReadonlyArray<KeyBinding<'send' | 'cancel'>> = [
	{
		command: 'send',
		keys: [{name: 'enter'}],
		label: 'enter',
		description: 'send the reason',
		hint: 'send',
	},
	{
		command: 'cancel',
		keys: [{name: 'escape'}],
		label: 'esc',
		description: 'leave the job as it is',
		hint: 'keep the job as it is',
	},
];

/** The reason the requester reads when a job fails or is declined. */
export function ReasonForm(props: ReasonFormProps) {
	return (
		<KeyLayer>
			<Reason {...props} />
		</KeyLayer>
	);
}

function Reason({marker, jobId, initial = '', onSubmit, onCancel}: ReasonFormProps) {
	const [reason, setReason, latestReason] = useLatestState(initial);
	useKeymap(
		reasonKeys,
		(command) => {
			if (command === 'cancel') onCancel();
			else if (latestReason().trim() !== '') onSubmit(latestReason().trim());
		},
		{modal: true, typing: true, title: 'reason'},
	);
	const what = marker === 'failed' ? `Mark ${jobId} failed` : `Decline ${jobId}`;
	return (
		<Box flexDirection="column" borderStyle="round" borderColor={tone('warning')} paddingX={1}>
			<Text bold>{what}: why? The requester reads this.</Text>
			<Box>
				<Text color={tone('accent')}>› </Text>
				<TextField
					value={reason}
					onChange={(value) => setReason(value.slice(0, maxReasonLength))}
					placeholder={
						marker === 'failed'
							? 'e.g. exited with code 137: out of memory at 8 GB'
							: 'e.g. this phenotype is not collected here'
					}
				/>
			</Box>
			<Text color={tone('muted')}>
				enter sends · esc leaves the job as it is · a later claim undoes it
			</Text>
		</Box>
	);
}
