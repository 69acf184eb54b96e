import {render} from 'ink-testing-library';
import type {ReactNode} from 'react';
import type {ObjectStore} from '../../../source/storage/store.js';
import {KeyDispatcher} from '../../../source/ui/hooks/use-keys.js';
import type {Session} from '../../../source/session/session.js';
import {SessionContext} from '../../../source/ui/session.js';
import type {JobFile} from '../../../source/jobs/analyst/load-inbox.js';
import {WorkFolderContext} from '../../../source/ui/screens/analyst/analyst-context.js';
import {InboxScreen} from '../../../source/ui/screens/analyst/inbox-screen.js';
import {InstructionsView} from '../../../source/ui/screens/analyst/instructions-view.js';
import {bucket} from '../../jobs/analyst/seed.js';
import {testSession, WithFlash} from '../render-with-session.js';

export function analystSession(
	store: ObjectStore,
	user = 'lvirtanen',
	container = bucket,
): Session {
	return testSession(store, container, user);
}

/** Renders an analyst screen as the app does: under the key dispatcher, with a session. */
export function renderAnalyst(
	session: Session,
	screen: ReactNode,
	workFolder = '/nonexistent/ivjm-work',
) {
	return render(
		<KeyDispatcher>
			<SessionContext.Provider value={session}>
				<WorkFolderContext.Provider value={workFolder}>
					<WithFlash>{screen}</WithFlash>
				</WorkFolderContext.Provider>
			</SessionContext.Provider>
		</KeyDispatcher>,
	);
}

/** Polls the last frame until `test` holds (React renders after the store answers). */
export async function frameWhen(
	lastFrame: () => string | undefined,
	test: (frame: string) => boolean,
	timeoutMs = 5000,
): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const frame = lastFrame() ?? '';
		if (test(frame)) return frame;
		if (Date.now() > deadline) throw new Error(`Timed out; the last frame was:\n${frame}`);
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

export const keys = {down: '\u001B[B', up: '\u001B[A', enter: '\r', tab: '\t', escape: '\u001B'};

/** A frame is drawn before its effects run: a key handler mounted with it listens a moment later. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

/** The instructions pager of `files`, for tests that are not components themselves. */
export function renderInstructions(session: Session, files: readonly JobFile[], height = 12) {
	return renderAnalyst(
		session,
		<InstructionsView files={files} height={height} onClose={() => undefined} />,
	);
}

/** The inbox of `biobank`, for tests that are not components themselves. */
export function renderInbox(session: Session, biobank: string) {
	return renderAnalyst(
		session,
		<InboxScreen biobank={biobank} navigate={() => undefined} isActive />,
	);
}
