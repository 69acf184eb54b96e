import test from 'ava';
import fc from 'fast-check';
import {FrameWriter, type Size} from '../../../source/ui/render/frame-writer.js';
import type {Screen} from '../../../source/ui/navigation.js';
import {RandomWorld, stepArbitrary, type Step} from './random-world.js';

const steps = Number(process.env['IVJM_FRAME_STEPS'] ?? 300);
const starts: Array<[string, Screen[]]> = [
	['researcher', [{name: 'role'}, {name: 'researcher'}]],
	['analyst', [{name: 'role'}, {name: 'analyst-biobank'}, {name: 'analyst', biobank: 'HUS'}]],
];
const describe = (step: Step) =>
	step.kind === 'keys'
		? step.name
		: step.kind === 'resize'
			? `resize to ${step.columns}×${step.rows}`
			: JSON.stringify(step);

/** Runs `count` random steps; the first difference between the terminal and a fresh render. */
async function randomRun(
	seed: number,
	count: number,
	initialScreens: Screen[],
	makeWriter?: (write: (bytes: string) => void) => FrameWriter,
) {
	const world = await RandomWorld.open({columns: 120, rows: 40}, initialScreens, makeWriter);
	const done: string[] = [];
	try {
		for (const step of fc.sample(stepArbitrary, {numRuns: count, seed})) {
			await world.apply(step);
			done.push(describe(step));
			const difference = await world.terminal.verify();
			if (difference)
				return {world, difference: `after step ${done.length} (${done.at(-1)}), ${difference}`};
		}
		await world.rest();
		const difference = await world.terminal.verifyAtRest();
		return {world, difference: difference && `after all ${done.length} steps, ${difference}`};
	} finally {
		await world.close();
	}
}

test('what the terminal shows after every incremental frame is exactly a from-scratch render of that frame, over hundreds of random keys, resizes and data changes', async (t) => {
	t.timeout(240_000);
	const seed = Number(process.env['IVJM_FRAME_SEED'] ?? Date.now() % 1_000_000);
	// Half the steps from the researcher's table, half from an analyst's inbox.
	for (const [role, start] of starts) {
		const {world, difference} = await randomRun(seed, steps / 2, start);
		t.is(difference, undefined, `${role}, seed ${seed} (rerun with IVJM_FRAME_SEED=${seed})`);
		t.true(world.terminal.framesChecked >= 20, `only ${world.terminal.framesChecked} frames`);
		t.log(
			`${role}, seed ${seed}: ${steps / 2} steps, ${world.terminal.framesChecked} frames compared cell by cell, ${world.terminal.bytesWritten} bytes written`,
		);
	}
});

/** A renderer with a planted fault: after its first frame it never rewrites row 6. */
class StaleLineWriter extends FrameWriter {
	private first: string | undefined;

	override draw(frame: string, size: Size): void {
		const lines = frame.split('\n');
		if (this.first === undefined) this.first = lines[5] ?? '';
		else lines[5] = this.first;
		super.draw(lines.join('\n'), size);
	}
}

test('the comparison catches a renderer that leaves one stale line behind', async (t) => {
	t.timeout(120_000);
	const {difference} = await randomRun(
		7,
		120,
		starts[0]![1],
		(write) => new StaleLineWriter(write),
	);
	t.truthy(difference);
	t.regex(difference ?? '', /row 6, column \d+: the terminal has .*, a from-scratch render/u);
	t.log(difference);
});
