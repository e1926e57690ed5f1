/*
 * store-chain.h: the keyed journal of the setgid installation (see
 * src/store/chainkey.c): whether a database's chain is keyed, from which
 * entry, and the making of its key.
 */
#ifndef VIGIL_STORE_CHAIN_H
#define VIGIL_STORE_CHAIN_H

#include <stdbool.h>
#include <stdint.h>

#include "vigil/buf.h"
#include "vigil/store-db.h"
#include "vigil/verr.h"

/* The journal action of the entry that keys the chain. */
#define CHAIN_KEYED_ACTION "chain.keyed"

/* The key file of the database at dbpath ("<dbpath>.key"); caller frees. */
char	*chainkey_path(const char *dbpath);

/*
 * The key state loaded at open: *from is the first keyed entry (0 when
 * the chain is not keyed), *marked whether that entry is in the journal
 * yet (a key file made by an interrupted keying has none).
 */
void	 chainkey_state(const struct db *, int64_t *from, bool *marked);

/*
 * Inside a write transaction: make the chain keyed from the next entry.
 * Creates the key file (32 random bytes, mode 0440, never overwriting
 * one) unless a key file of this database already waits for that entry,
 * and loads it. *already is set when another process keyed the chain
 * meanwhile (nothing to journal), *made when the file was created here
 * (chainkey_discard() it if the transaction fails). The caller then
 * journals CHAIN_KEYED_ACTION as the first keyed entry.
 */
int	 chainkey_create(struct db *, bool *already, bool *made,
	    struct verr *);
/* The payload of the CHAIN_KEYED_ACTION entry (after chainkey_create). */
void	 chainkey_payload(const struct db *, struct buf *);
/* Remove the key file chainkey_create() made and forget the key. */
void	 chainkey_discard(struct db *);

#endif
