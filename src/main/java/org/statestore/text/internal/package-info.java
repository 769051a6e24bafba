/**
 * Not API: showing text that came from outside (backup files, the database, command lines) safely: control,
 * format and separator characters escaped, so a name can neither drive the terminal nor split or forge a message
 * line. It may change without notice.
 */
package org.statestore.text.internal;
