import {Box} from 'ink';
import {Text} from '../../../text/screen-text.js';
import {useKeys} from '../../hooks/use-keys.js';
import {useState} from 'react';
import {maxReasonLength} from '../../../jobs/analyst/give-up-job.js';
import {TextField} from '../../components/text-field/text-field.js';
import {useKeyCapture} from '../../key-capture.js';
import {tone} from '../../theme.js';

export type ReasonFormProps = {
	marker: 'failed' | 'declined';
	jobId: string;
	onSubmit: (reason: string) => void;
	onCancel: () => void;
};

/** The reason the requester reads when a job fails or is declined; enter sends, esc keeps the job as it is. */
export function ReasonForm({marker, jobId, onSubmit, onCancel}: ReasonFormProps) {
	const [reason, setReason] = useState('');
	useKeyCapture(true);
	useKeys((_input, key) => {
		if (key.escape) onCancel();
	});
	const what = marker === 'failed' ? `Mark ${jobId} failed` : `Decline ${jobId}`;
	return (
		<Box flexDirection="column" borderStyle="round" borderColor={tone('warning')} paddingX={1}>
			<Text bold>{what}: why? The requester reads this.</Text>
			<Box>
				<Text color={tone('accent')}>› </Text>
				<TextField
					value={reason}
					onChange={(value) => setReason(value.slice(0, maxReasonLength))}
					onSubmit={(value) => {
						if (value.trim() !== '') onSubmit(value.trim());
					}}
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
