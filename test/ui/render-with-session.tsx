import {render} from 'ink-testing-library';
import {Text} from 'ink';
import {useState, type ReactNode} from 'react';
import {TaskCache} from '../../source/jobs/task-cache.js';
import type {ObjectStore} from '../../source/storage/store.js';
import {downloadObject} from '../../source/transfer/download-object.js';
import {uploadFile} from '../../source/transfer/upload-file.js';
import {FlashContext} from '../../source/ui/hooks/use-keymap.js';
import {KeyDispatcher} from '../../source/ui/hooks/use-keys.js';
import {assembleSession, type Session, type SessionParts} from '../../source/session/session.js';
import {systemClock} from '../../source/jobs/clock.js';
import {SessionContext} from '../../source/ui/session.js';

/** A session on `store` for a component test; `parts` replaces any of its parts. */
export function testSession(
	store: ObjectStore,
	bucket: string,
	user: string,
	parts: Partial<SessionParts> = {},
): Session {
	return assembleSession({
		store,
		bucket,
		user,
		location: 'local store (test)',
		tasks: new TaskCache(),
		transfers: {upload: uploadFile, download: downloadObject},
		downloadFolder: '/nonexistent/ivjm-results',
		workFolder: '/nonexistent/ivjm-work',
		// No timer refresh during a test: each test refreshes when it wants to.
		refreshSeconds: 3600,
		clock: systemClock,
		...parts,
	});
}

/** A screen under the line where the app flashes a refused key's reason ("flash: …"). */
export function WithFlash({children}: {children: ReactNode}) {
	const [flash, setFlash] = useState<string>();
	return (
		<FlashContext.Provider value={setFlash}>
			{children}
			{flash === undefined ? null : <Text>flash: {flash}</Text>}
		</FlashContext.Provider>
	);
}

/** Renders a screen as the app does: under the key dispatcher, with a session. */
export function renderWithSession(session: Session, screen: ReactNode) {
	return render(
		<KeyDispatcher>
			<SessionContext.Provider value={session}>
				<WithFlash>{screen}</WithFlash>
			</SessionContext.Provider>
		</KeyDispatcher>,
	);
}

/** Waits until the last frame matches, polling: rendering follows a real store's reads. */
export async function frameMatching(
	lastFrame: () => string | undefined,
	pattern: RegExp,
	timeoutMs = 10_000,
): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	let frame = '';
	while (Date.now() < deadline) {
		frame = lastFrame() ?? '';
		if (pattern.test(frame)) return frame;
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
	throw new Error(`No frame matched ${String(pattern)}. Last frame:\n${frame}`);
}

/** Waits until a condition holds or the time runs out; the caller's assertion then says what failed. */
export async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition() && Date.now() < deadline)
		await new Promise((resolve) => setTimeout(resolve, 10));
}
