import {Box} from 'ink';
import {Text} from '../../../text/screen-text.js';
import {useEffect, useMemo, useState} from 'react';
import {readLastBiobank, saveLastBiobank} from '../../../jobs/analyst/last-biobank.js';
import {builtInCatalogue} from '../../../protocol/catalogue.js';
import {ivjmPaths} from '../../../config/paths.js';
import {Choice} from '../../components/choice/choice.js';
import type {Navigator} from '../../navigation.js';
import {tone} from '../../theme.js';

export type BiobankPickerProps = {
	navigate: Navigator;
	isActive?: boolean;
	/** Where the last choice is remembered (default: ivjm's state folder). */
	stateFolder?: string;
};

/** Which biobank the analyst works for today: the catalogue's biobanks, the last one first. */
export function BiobankPicker({navigate, isActive = true, stateFolder}: BiobankPickerProps) {
	const folder = stateFolder ?? ivjmPaths().state;
	const [last, setLast] = useState<string | null | undefined>(undefined);
	useEffect(() => {
		let live = true;
		void readLastBiobank(folder).then((biobank) => {
			if (live) setLast(biobank ?? null);
		});
		return () => {
			live = false;
		};
	}, [folder]);
	const items = useMemo(() => {
		const biobanks = [...builtInCatalogue.biobanks];
		const index = biobanks.findIndex((biobank) => biobank.id === last);
		if (index > 0) biobanks.unshift(...biobanks.splice(index, 1));
		return biobanks.map((biobank) => ({
			label: `${biobank.id.padEnd(16)} ${biobank.label}${biobank.id === last ? '  (last used)' : ''}`,
			value: biobank.id,
		}));
	}, [last]);

	return (
		<Box flexDirection="column" paddingX={1}>
			<Text bold>Which biobank do you work for?</Text>
			<Box marginTop={1}>
				{last === undefined ? (
					<Text color={tone('muted')}>…</Text>
				) : (
					<Choice
						items={items}
						isActive={isActive}
						onChoose={(biobank) => {
							// Remembering is a convenience: a read-only home must not stop the analyst.
							void saveLastBiobank(folder, biobank).catch(() => undefined);
							navigate({type: 'push', screen: {name: 'analyst', biobank}});
						}}
					/>
				)}
			</Box>
			<Box marginTop={1}>
				<Text color={tone('muted')}>Start with --biobank NAME to skip this question.</Text>
			</Box>
		</Box>
	);
}
