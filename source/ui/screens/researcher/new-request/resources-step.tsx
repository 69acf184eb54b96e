import {Box} from 'ink';
import {useState} from 'react';
import {Text} from '../../../../text/screen-text.js';
import {TextField} from '../../../components/text-field/text-field.js';
import {useKeymap} from '../../../hooks/use-keymap.js';
import {useLatestState} from '../../../hooks/use-latest-state.js';
import type {KeyBinding} from '../../../keys.js';
import {tone} from '../../../theme.js';
import type {RequestDraft} from './request-draft.js';

type Resources = RequestDraft['resources'];
type Amount = 'cpuCores' | 'ramGb' | 'diskGb' | 'timeHours';

/** The four amounts, each in its own labelled field, in the order task.json lists them. */
export const resourceFields: ReadonlyArray<{key: Amount; label: string; unit: string}> = [
	{key: 'cpuCores', label: 'CPU cores', unit: 'cores'},
	{key: 'ramGb', label: 'Memory', unit: 'GB'},
	{key: 'diskGb', label: 'Disk', unit: 'GB'},
	{key: 'timeHours', label: 'Run time', unit: 'hours'},
];

/** The row after the amounts: the preemptible choice. */
const preemptibleRow = resourceFields.length;

type Command = 'next' | 'previous' | 'toggle' | 'accept';

const keys: Array<KeyBinding<Command>> = [
	{
		command: 'next',
		keys: [{name: 'tab'}, {name: 'down'}],
		label: 'tab ↓',
		description: 'next field',
		hint: 'next field',
	},
	{command: 'previous', keys: [{name: 'up'}], label: '↑', description: 'previous field'},
	{
		command: 'toggle',
		keys: [{text: ' '}],
		label: 'space',
		description: 'preemptible or not (on its row)',
	},
];

/** Why `text` is no amount of `unit`, or the amount. */
export function parseAmount(text: string, label: string, unit: string): number | string {
	const value = Number(text.trim());
	if (text.trim() === '' || !Number.isFinite(value))
		return `${label}: "${text}" is not a number of ${unit}.`;
	return value > 0 ? value : `${label} must be above zero.`;
}

/**
 * Four labelled fields with the analysis type's defaults filled in, and preemptible as a
 * choice; tab or ↓ moves on, enter accepts them all (each checked, the wrong one focused).
 */
export function ResourcesStep({
	resources,
	onChange,
	onSubmit,
}: {
	resources: Resources;
	onChange: (resources: Resources) => void;
	onSubmit: () => void;
}) {
	const [texts, setTexts, latestTexts] = useLatestState(() =>
		resourceFields.map(({key}) => String(resources[key])),
	);
	const [focus, setFocus, latestFocus] = useLatestState(0);
	const [problem, setProblem] = useState<string | undefined>();
	const accept = () => {
		const amounts: Partial<Record<Amount, number>> = {};
		for (const [index, field] of resourceFields.entries()) {
			const parsed = parseAmount(latestTexts()[index] ?? '', field.label, field.unit);
			if (typeof parsed === 'string') {
				setProblem(parsed);
				setFocus(index);
				return;
			}

			amounts[field.key] = parsed;
		}

		setProblem(undefined);
		onChange({...resources, ...amounts});
		onSubmit();
	};

	useKeymap(
		keys,
		(command) => {
			const at = latestFocus();
			if (command === 'next') setFocus(Math.min(preemptibleRow, at + 1));
			else if (command === 'previous') setFocus(Math.max(0, at - 1));
			else if (command === 'toggle' && at === preemptibleRow)
				onChange({...resources, preemptible: !resources.preemptible});
		},
		{
			other: (_input, key) => {
				// The preemptible row has no field to take enter: it accepts the step from there too.
				if (key.return && latestFocus() === preemptibleRow) {
					accept();
					return true;
				}

				return false;
			},
		},
	);

	return (
		<Box flexDirection="column">
			{resourceFields.map((field, index) => (
				<Box key={field.key}>
					<Text color={focus === index ? undefined : tone('muted')}>
						{focus === index ? '▸ ' : '  '}
						{field.label.padEnd(12)}
					</Text>
					<TextField
						value={texts[index] ?? ''}
						isActive={focus === index}
						onChange={(text) =>
							setTexts((current) => current.map((old, at) => (at === index ? text : old)))
						}
						onSubmit={accept}
					/>
					<Text color={tone('muted')}> {field.unit}</Text>
				</Box>
			))}
			<Text color={focus === preemptibleRow ? undefined : tone('muted')}>
				{focus === preemptibleRow ? '▸ ' : '  '}
				{'Preemptible'.padEnd(12)}
				{resources.preemptible ? '[x]' : '[ ]'} may be stopped and restarted by the biobank (space)
			</Text>
			{problem ? <Text color={tone('bad')}>{problem}</Text> : null}
		</Box>
	);
}
