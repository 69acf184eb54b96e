import {Box} from 'ink';
import {Text} from '../../../../text/screen-text.js';
import {useMemo, useState} from 'react';
import {type PreparedSubmit} from '../../../../jobs/researcher/submit-job.js';
import {builtInCatalogue, findAnalysisType} from '../../../../protocol/catalogue.js';
import {Choice} from '../../../components/choice/choice.js';
import {MultiChoice} from '../../../components/multi-choice/multi-choice.js';
import {TextField} from '../../../components/text-field/text-field.js';
import {useLatestState} from '../../../hooks/use-latest-state.js';
import {useUnsavedGuard} from '../../../unsaved-guard.js';
import {Confirm} from '../../../components/confirm.js';
import {useKeymap} from '../../../hooks/use-keymap.js';
import {fieldSteps, formKeys} from './new-request-keys.js';
import type {Navigator} from '../../../navigation.js';
import {useSession} from '../../../session.js';
import {tone} from '../../../theme.js';
import {FileStep} from './file-step.js';
import {writeInstructionsInEditor} from './instructions-editor.js';
import {ResourcesStep} from './resources-step.js';
import {
	draftHasWork,
	initialDraft,
	splitList,
	stepProblem,
	stepsFor,
	stepTitles,
	type RequestDraft,
	type StepId,
} from './request-draft.js';
import {reviewLines} from './review-lines.js';
import {SubmitProgress} from './submit-progress.js';
import type {ResubmitDraft} from './resubmit-draft.js';

/**
 * The new-request form: one step at a time, each checked before the next; esc steps back. The
 * review shows exactly what will be uploaded and written; enter there submits.
 */
export function NewRequestScreen({navigate, from}: {navigate: Navigator; from?: ResubmitDraft}) {
	const session = useSession();
	const [draft, setDraft, latestDraft] = useLatestState<RequestDraft>(
		() => from?.draft ?? initialDraft(builtInCatalogue),
	);
	const [stepIndex, setStepIndex, latestStepIndex] = useLatestState(0);
	const [problem, setProblem] = useState<string | undefined>();
	const [prepared, setPrepared] = useState<PreparedSubmit | undefined>();
	const [submitting, setSubmitting] = useState(false);
	const analysis = findAnalysisType(builtInCatalogue, draft.analysis);
	// Until a type is chosen, the count is the default type's (the longest), not the first four.
	const steps = stepsFor(analysis ?? findAnalysisType(builtInCatalogue, 'other'));
	const step: StepId = steps[stepIndex] ?? 'name';
	const [discarding, setDiscarding] = useState(false);
	// Quitting, or esc on the first step, asks before typed work is thrown away.
	useUnsavedGuard(!submitting && draftHasWork(draft) ? 'this request' : undefined);

	const update = (change: Partial<RequestDraft>) =>
		setDraft((current) => ({...current, ...change}));
	const next = () => {
		const latest = latestDraft();
		const index = latestStepIndex();
		const latestAnalysis = findAnalysisType(builtInCatalogue, latest.analysis);
		const current = stepsFor(latestAnalysis)[index] ?? 'name';
		const found = stepProblem(current, latest, latestAnalysis);
		setProblem(found);
		if (found) return;
		const following = stepsFor(latestAnalysis)[index + 1];
		if (following === 'review') {
			try {
				setPrepared(session.researcher.prepareSubmit(toRequest(latest, session.user)));
			} catch (error) {
				setProblem(error instanceof Error ? error.message : String(error));
				return;
			}
		}
		if (following) setStepIndex(index + 1);
	};

	useKeymap(
		formKeys(step, stepIndex === 0),
		(command) => {
			if (command === 'submit' && prepared) setSubmitting(true);
			// `next`: the step's field took the enter itself, having checked what was typed.
			if (command !== 'previous') return;
			setProblem(undefined);
			if (latestStepIndex() > 0) setStepIndex(latestStepIndex() - 1);
			else if (draftHasWork(latestDraft())) setDiscarding(true);
			else navigate({type: 'pop'});
		},
		{isActive: !submitting && !discarding, typing: fieldSteps.has(step), title: 'new request'},
	);

	const sizes = useMemo(
		() =>
			new Map(
				[...draft.inputFiles, ...(draft.instructionsFile ? [draft.instructionsFile] : [])].map(
					(file) => [file.name, file.bytes],
				),
			),
		[draft],
	);

	if (submitting && prepared) {
		return (
			<SubmitProgress
				prepared={prepared}
				sizes={sizes}
				resubmit={from}
				onLeave={(jobId) =>
					navigate(
						jobId ? {type: 'replace', screen: {name: 'researcher-job', jobId}} : {type: 'pop'},
					)
				}
			/>
		);
	}

	return (
		<Box flexDirection="column">
			{discarding ? (
				<Confirm
					question="Discard this request? y/n"
					onAnswer={(yes) => (yes ? navigate({type: 'pop'}) : setDiscarding(false))}
				/>
			) : null}
			<Text>
				<Text color={tone('muted')}>
					{from ? `Resubmitting ${from.replaces}` : 'New request'} · step {stepIndex + 1} of{' '}
					{steps.length} ·{' '}
				</Text>
				<Text bold>{stepTitles[step]}</Text>
			</Text>
			<Box key={step} marginTop={1} flexDirection="column">
				{step === 'name' ? (
					<TextField
						value={draft.name}
						onChange={(name) => update({name})}
						onSubmit={() => next()}
						placeholder="e.g. BMI GWAS, HUS and FIMM"
					/>
				) : null}
				{step === 'email' ? (
					<TextField
						value={draft.email}
						onChange={(email) => update({email})}
						onSubmit={() => next()}
						placeholder="you@example.org"
					/>
				) : null}
				{step === 'biobanks' ? (
					<MultiChoice
						items={builtInCatalogue.biobanks.map((biobank) => ({
							label: biobank.label,
							value: biobank.id,
						}))}
						selected={draft.biobanks}
						onChange={(biobanks) => update({biobanks})}
						onDone={(biobanks) => {
							update({biobanks});
							next();
						}}
					/>
				) : null}
				{step === 'analysis' ? (
					<Choice
						items={builtInCatalogue.analysisTypes.map((type) => ({
							label: `${type.id.padEnd(10)} ${type.label}`,
							value: type.id,
						}))}
						initial={draft.analysis}
						onChoose={(id) => {
							const chosen = findAnalysisType(builtInCatalogue, id);
							// The same type again keeps the resources given (a resubmission's own).
							const kept = id === latestDraft().analysis || !chosen;
							update({
								analysis: id,
								resources: kept ? latestDraft().resources : {...chosen.resources},
							});
							next();
						}}
					/>
				) : null}
				{step === 'inputs' ? (
					<FileStep
						files={draft.inputFiles}
						single={false}
						onChange={(inputFiles) => update({inputFiles})}
						onDone={() => next()}
						emptyEnter="when done"
					/>
				) : null}
				{step === 'instructions' ? (
					<FileStep
						files={draft.instructionsFile ? [draft.instructionsFile] : []}
						single
						onChange={(files) => update({instructionsFile: files[0]})}
						onDone={() => next()}
						emptyEnter="writes them in $EDITOR"
						onWrite={() => {
							const written = writeInstructionsInEditor();
							if (!written.ok) return written.reason;
							update({instructionsFile: written.file});
							next();
							return undefined;
						}}
					/>
				) : null}
				{step === 'outputs' ? (
					<TextField
						value={draft.outputs}
						onChange={(outputs) => update({outputs})}
						onSubmit={() => next()}
						placeholder="results.zip, qc_report.html"
					/>
				) : null}
				{step === 'requirements' ? (
					<TextField
						value={draft.requirements}
						onChange={(requirements) => update({requirements})}
						onSubmit={() => next()}
					/>
				) : null}
				{step === 'resources' ? (
					<ResourcesStep
						resources={draft.resources}
						onChange={(resources) => update({resources})}
						onSubmit={() => next()}
					/>
				) : null}
				{step === 'review' && prepared ? (
					<Box flexDirection="column">
						{reviewLines(prepared, sizes).map((line, index) => (
							<Text key={index} wrap="truncate-end">
								{line}
							</Text>
						))}
						<Text bold>enter submits · esc goes back to change something</Text>
					</Box>
				) : null}
			</Box>
			{problem ? (
				<Box marginTop={1}>
					<Text color={tone('bad')}>{problem}</Text>
				</Box>
			) : null}
		</Box>
	);
}

function toRequest(draft: RequestDraft, user: string) {
	const analysis = findAnalysisType(builtInCatalogue, draft.analysis);
	if (!analysis) throw new Error('Choose an analysis type.');
	return {
		user,
		name: draft.name.trim(),
		requestor: draft.email.trim(),
		biobanks: draft.biobanks,
		analysis,
		inputFiles: draft.inputFiles,
		instructionsFile: draft.instructionsFile,
		outputs: splitList(draft.outputs),
		requirements: splitList(draft.requirements),
		resources: draft.resources,
	};
}
