import test from 'ava';
import {biobankTask} from '../../source/protocol/biobank-task.js';
import {parseMarkerBody} from '../../source/protocol/markers.js';
import {readTask, writeTask} from '../../source/protocol/task.js';
import {fixtureText, jobFolder} from './fixture.js';

// Our writer differs from the Python tool's bytes in exactly two places, on purpose: it writes
// `resources` as the object protocol.md specifies (the tool wraps it in a list) and leaves out the
// empty requirement the tool's prompt loop appends. Both are slips the readers tolerate.
const pythonRequirements = '"requirements": [\n    "singularity",\n    ""\n  ],';
const ourRequirements = '"requirements": [\n    "singularity"\n  ],';
const pythonResources =
	'"resources": [\n    {\n      "cpuCores": 1,\n      "ramGb": 2,\n      "diskGb": 20,\n      "timeHours": 1,\n      "preemptible": false\n    }\n  ],';
const ourResources =
	'"resources": {\n    "cpuCores": 1,\n    "ramGb": 2,\n    "diskGb": 20,\n    "timeHours": 1,\n    "preemptible": false\n  },';

function asWeWriteIt(pythonText: string): string {
	if (!pythonText.includes(pythonRequirements) || !pythonText.includes(pythonResources)) {
		throw new Error('the fixture no longer has the two known slips');
	}

	return pythonText
		.replace(pythonRequirements, ourRequirements)
		.replace(pythonResources, ourResources);
}

const common = readTask(fixtureText(`${jobFolder}/task.json`));

for (const biobank of ['HUS', 'FIMM']) {
	test(`the ${biobank} task.json built from the common one has the Python tool's bytes but for the two documented slips`, (t) => {
		if (!common.ok) return t.fail('the common task.json does not parse');
		const python = fixtureText(`${jobFolder}/${biobank}/task.json`);
		const submitted = parseMarkerBody(fixtureText(`${jobFolder}/${biobank}/status/submitted`));
		const built = writeTask(biobankTask(common.task, biobank, {date: submitted.at}));
		t.is(built, asWeWriteIt(python));
	});
}

test("the Python tool leaves its last biobank's copy as the common task.json", (t) => {
	t.is(fixtureText(`${jobFolder}/task.json`), fixtureText(`${jobFolder}/FIMM/task.json`));
});

test('a per-biobank task for a biobank the job does not target is refused', (t) => {
	if (!common.ok) return t.fail('the common task.json does not parse');
	t.throws(() => biobankTask(common.task, 'HUNT'), {message: /does not target the biobank HUNT/});
});

test("without a date the per-biobank task keeps the job's date", (t) => {
	if (!common.ok) return t.fail('the common task.json does not parse');
	t.is(biobankTask(common.task, 'HUS').date, common.task.date);
});
