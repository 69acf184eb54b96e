import {mkdtemp, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test, {type ExecutionContext} from 'ava';
import {render} from 'ink-testing-library';
import {saveLastBiobank} from '../../../source/jobs/analyst/last-biobank.js';
import {KeyDispatcher} from '../../../source/ui/hooks/use-keys.js';
import type {NavigationAction} from '../../../source/ui/navigation.js';
import {analystStart} from '../../../source/ui/screens/analyst/analyst-start.js';
import {BiobankPicker} from '../../../source/ui/screens/analyst/biobank-picker.js';
import {frameWhen, keys, settle} from './render-analyst.js';

/** The remembered choice: written in the background, so read once it is there. */
async function remembered(state: string): Promise<unknown> {
	for (let attempt = 0; ; attempt++) {
		try {
			return JSON.parse(await readFile(join(state, 'analyst.json'), 'utf8'));
		} catch (error) {
			if (attempt > 100) throw error;
			await settle();
		}
	}
}

async function picker(t: ExecutionContext, last?: string) {
	const state = await mkdtemp(join(tmpdir(), 'ivjm-state-'));
	t.teardown(() => rm(state, {recursive: true, force: true}));
	if (last) await saveLastBiobank(state, last);
	const navigations: NavigationAction[] = [];
	const screen = render(
		<KeyDispatcher>
			<BiobankPicker navigate={(action) => navigations.push(action)} stateFolder={state} />
		</KeyDispatcher>,
	);
	t.teardown(() => screen.unmount());
	await frameWhen(screen.lastFrame, (text) => text.includes('❯'));
	await settle();
	return {state, screen, navigations};
}

test('the biobanks of the catalogue are offered, and the choice opens its inbox and is remembered', async (t) => {
	const {state, screen, navigations} = await picker(t);
	t.regex(screen.lastFrame() ?? '', /❯ HUS\s+HUS\n {3}Estonia_Biobank\s+Estonia Biobank\n {3}HUNT/);
	screen.stdin.write(keys.down + keys.down + keys.down + keys.enter);
	await frameWhen(screen.lastFrame, () => navigations.length > 0);
	t.deepEqual(navigations, [{type: 'push', screen: {name: 'analyst', biobank: 'FIMM'}}]);
	t.deepEqual(await remembered(state), {biobank: 'FIMM'});
});

test('the biobank chosen last time comes first, under the cursor', async (t) => {
	const {screen} = await picker(t, 'HUNT');
	t.regex(screen.lastFrame() ?? '', /❯ HUNT\s+HUNT {2}\(last used\)\n {3}HUS/);
});

test('--biobank opens its inbox over the pickers; a name that cannot be a biobank is refused', (t) => {
	t.is(analystStart(undefined), undefined);
	t.deepEqual(analystStart('HUS'), [
		{name: 'role'},
		{name: 'analyst-biobank'},
		{name: 'analyst', biobank: 'HUS'},
	]);
	t.throws(() => analystStart('../HUS'), {
		message: /--biobank: The biobank "\.\.\/HUS" contains "\/"/,
	});
});
