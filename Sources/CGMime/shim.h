// GMime's headers (and GLib's under them), for the C reader in CMailReader
// only: Swift never imports this module.
#include <gmime/gmime.h>
