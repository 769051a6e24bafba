/**
 * Progress of long tasks as a value the engine reports and the caller renders: {@link
 * org.statestore.progress.ProgressSink}. The CLI draws a bar on a terminal and writes periodic lines elsewhere.
 */
package org.statestore.progress;
