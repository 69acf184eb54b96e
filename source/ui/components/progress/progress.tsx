import {Box} from 'ink';
import {Text} from '../../../text/screen-text.js';
import {tone} from '../../theme.js';
import {progressBar, progressText, type ProgressFigures} from './progress-text.js';

export type ProgressProps = ProgressFigures & {label: string; width?: number; phase?: string};

export function Progress({label, width = 24, phase, ...figures}: ProgressProps) {
	const percent = figures.total <= 0 ? 100 : Math.floor((figures.done / figures.total) * 100);
	return (
		<Box>
			<Box width={22} marginRight={1}>
				<Text wrap="truncate-middle">{label}</Text>
			</Box>
			<Text color={tone('accent')}>{progressBar(figures.done, figures.total, width)}</Text>
			<Text>
				{' '}
				{String(percent).padStart(3)}% {progressText(figures)}
				{phase ? `  ${phase}` : ''}
			</Text>
		</Box>
	);
}
