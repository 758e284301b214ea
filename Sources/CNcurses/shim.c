#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <ncursesw/curses.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "CNcurses.h"

static SCREEN *kc_screen = NULL;
static volatile sig_atomic_t kc_signal = 0;
static volatile sig_atomic_t kc_active = 0;
static int kc_mouse = 0;
static int kc_out = STDOUT_FILENO;

#define KC_CODE_PASTE_BEGIN (KEY_MAX + 1)
#define KC_CODE_PASTE_END (KEY_MAX + 2)
#define KC_CODE_MOUSE_SGR (KEY_MAX + 3)

// Bracketed paste (2004), and where wanted mouse reports: 1000 for presses,
// releases and the wheel (no motion), 1006 for SGR's decimal form.
static const char kc_modes_on_mouse[] = "\033[?1000h\033[?1006h\033[?2004h";
static const char kc_modes_on[] = "\033[?2004h";
static const char kc_modes_off_mouse[] = "\033[?1006l\033[?1000l\033[?2004l";
static const char kc_modes_off[] = "\033[?2004l";

// write(2) directly: async-signal-safe, so the fatal-signal handler can
// turn the modes off too.
static void kc_write(const char *s, size_t n) {
    while (n > 0) {
        ssize_t w = write(kc_out, s, n);
        if (w <= 0) return;
        s += w;
        n -= (size_t)w;
    }
}

static void kc_modes(int on) {
    if (on) {
        if (kc_mouse) kc_write(kc_modes_on_mouse, sizeof kc_modes_on_mouse - 1);
        else kc_write(kc_modes_on, sizeof kc_modes_on - 1);
    } else {
        if (kc_mouse) kc_write(kc_modes_off_mouse, sizeof kc_modes_off_mouse - 1);
        else kc_write(kc_modes_off, sizeof kc_modes_off - 1);
    }
}

int kc_start(int mouse) {
    setlocale(LC_ALL, "");
    // All text is UTF-8. Without a UTF-8 locale (LANG unset over SSH, say)
    // ncursesw would drop every non-ASCII character, so fall back to C.UTF-8.
    const char *codeset = nl_langinfo(CODESET);
    if (codeset == NULL || strcmp(codeset, "UTF-8") != 0) {
        if (setlocale(LC_CTYPE, "C.UTF-8") == NULL) setlocale(LC_CTYPE, "en_US.UTF-8");
    }
    if (getenv("ESCDELAY") == NULL) {
        set_escdelay(25);
    }
    kc_screen = newterm(NULL, stdout, stdin);
    if (kc_screen == NULL) return -1;
    set_term(kc_screen);
    kc_active = 1;
    raw();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    meta(stdscr, TRUE);
    // Home and End as terminals send them whatever TERM says (tmux, PuTTY,
    // the Linux console): without these they would arrive as ESC [ 1 ~.
    static const char *homes[] = {"\033[1~", "\033[7~", "\033[H", "\033OH"};
    static const char *ends[] = {"\033[4~", "\033[8~", "\033[F", "\033OF"};
    for (unsigned i = 0; i < sizeof homes / sizeof *homes; i++) {
        if (key_defined(homes[i]) == 0) define_key(homes[i], KEY_HOME);
        if (key_defined(ends[i]) == 0) define_key(ends[i], KEY_END);
    }
    // The paste brackets and the start of an SGR mouse report come as keys
    // of our own; what follows them is read as characters. A terminal type
    // whose key_mouse is ESC [ < would otherwise claim it for ncurses' own
    // mouse decoding, which is not used.
    define_key("\033[200~", 0);
    define_key("\033[200~", KC_CODE_PASTE_BEGIN);
    define_key("\033[201~", 0);
    define_key("\033[201~", KC_CODE_PASTE_END);
    define_key("\033[<", 0);
    define_key("\033[<", KC_CODE_MOUSE_SGR);
    kc_mouse = mouse ? 1 : 0;
    kc_out = fileno(stdout);
    kc_modes(1);
    leaveok(stdscr, FALSE);
    curs_set(0);
    if (has_colors()) {
        start_color();
        use_default_colors();
    }
    return 0;
}

void kc_set_mouse(int on) {
    on = on ? 1 : 0;
    if (on == kc_mouse) return;
    static const char mouse_on[] = "\033[?1000h\033[?1006h";
    static const char mouse_off[] = "\033[?1006l\033[?1000l";
    if (kc_screen != NULL && !isendwin()) {
        if (on) kc_write(mouse_on, sizeof mouse_on - 1);
        else kc_write(mouse_off, sizeof mouse_off - 1);
    }
    kc_mouse = on;
}

void kc_stop(void) {
    if (kc_screen != NULL && !isendwin()) {
        kc_modes(0);
        curs_set(1);
        endwin();
    }
    kc_active = 0;
}

int kc_is_stopped(void) { return kc_screen == NULL || isendwin(); }

int kc_lines(void) { return LINES; }
int kc_cols(void) { return COLS; }

int kc_read(int timeout_ms, uint32_t *out) {
    wint_t ch = 0;
    wtimeout(stdscr, timeout_ms);
    int r = wget_wch(stdscr, &ch);
    if (r == ERR) return 0;
    *out = (uint32_t)ch;
    return r == KEY_CODE_YES ? 2 : 1;
}

int kc_read_byte(int timeout_ms, uint32_t *out) {
    wtimeout(stdscr, timeout_ms);
    int r = wgetch(stdscr);
    if (r == ERR) return 0;
    *out = (uint32_t)r;
    return r >= KEY_MIN ? 2 : 1;
}

void kc_put(int y, int x, const wchar_t *cluster, int count, uint32_t attrs, int pair) {
    cchar_t cc;
    wchar_t buf[CCHARW_MAX + 1];
    int n = count < CCHARW_MAX ? count : CCHARW_MAX;
    memcpy(buf, cluster, (size_t)n * sizeof(wchar_t));
    buf[n] = 0;
    setcchar(&cc, buf, (attr_t)attrs, (short)pair, NULL);
    mvwadd_wch(stdscr, y, x, &cc);
}

void kc_move_cursor(int y, int x, int visible) {
    if (visible) {
        curs_set(1);
        wmove(stdscr, y, x);
        leaveok(stdscr, FALSE);
    } else {
        curs_set(0);
    }
}

void kc_refresh(void) { wrefresh(stdscr); }
void kc_beep(void) { beep(); }
void kc_force_repaint(void) { clearok(curscr, TRUE); }
void kc_resize(int lines, int cols) { resizeterm(lines, cols); }

uint32_t kc_attr_bold(void) { return (uint32_t)A_BOLD; }
uint32_t kc_attr_dim(void) { return (uint32_t)A_DIM; }
uint32_t kc_attr_reverse(void) { return (uint32_t)A_REVERSE; }
uint32_t kc_attr_underline(void) { return (uint32_t)A_UNDERLINE; }
uint32_t kc_attr_italic(void) { return (uint32_t)A_ITALIC; }

int kc_has_colors(void) { return has_colors() ? 1 : 0; }
int kc_color_count(void) { return has_colors() ? COLORS : 0; }
int kc_pair(int fg, int bg) {
    int p = alloc_pair(fg, bg);
    return p < 0 ? 0 : p;
}

int kc_key_f(int n) { return KEY_F(n); }

static void kc_on_terminate(int sig) { kc_signal = sig; }

static void kc_on_fatal(int sig) {
    if (kc_active) {
        kc_modes(0);
        endwin();
        kc_active = 0;
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

void kc_install_signal_handlers(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = kc_on_terminate;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; // no SA_RESTART: a blocking read returns so the loop sees the flag
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGQUIT, &sa, NULL);

    struct sigaction fa;
    memset(&fa, 0, sizeof fa);
    fa.sa_handler = kc_on_fatal;
    sigemptyset(&fa.sa_mask);
    fa.sa_flags = SA_RESETHAND;
    sigaction(SIGSEGV, &fa, NULL);
    sigaction(SIGBUS, &fa, NULL);
    sigaction(SIGFPE, &fa, NULL);
    sigaction(SIGILL, &fa, NULL);
    sigaction(SIGABRT, &fa, NULL);
    sigaction(SIGTRAP, &fa, NULL);

    signal(SIGPIPE, SIG_IGN);
}

int kc_pending_signal(void) { return kc_signal; }

void kc_suspend(void) {
    kc_modes(0);
    endwin();
    struct sigaction old, dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(SIGTSTP, &dfl, &old);
    raise(SIGTSTP);
    // Execution continues here after SIGCONT (`fg`).
    sigaction(SIGTSTP, &old, NULL);
    reset_prog_mode();
    kc_modes(1);
    clearok(curscr, TRUE);
    wrefresh(stdscr);
}

const int KC_KEY_UP = KEY_UP;
const int KC_KEY_DOWN = KEY_DOWN;
const int KC_KEY_LEFT = KEY_LEFT;
const int KC_KEY_RIGHT = KEY_RIGHT;
const int KC_KEY_HOME = KEY_HOME;
const int KC_KEY_END = KEY_END;
const int KC_KEY_A1 = KEY_A1;
const int KC_KEY_C1 = KEY_C1;
const int KC_KEY_A3 = KEY_A3;
const int KC_KEY_C3 = KEY_C3;
const int KC_KEY_PPAGE = KEY_PPAGE;
const int KC_KEY_NPAGE = KEY_NPAGE;
const int KC_KEY_IC = KEY_IC;
const int KC_KEY_DC = KEY_DC;
const int KC_KEY_BACKSPACE = KEY_BACKSPACE;
const int KC_KEY_ENTER = KEY_ENTER;
const int KC_KEY_BTAB = KEY_BTAB;
const int KC_KEY_RESIZE = KEY_RESIZE;
const int KC_KEY_PASTE_BEGIN = KC_CODE_PASTE_BEGIN;
const int KC_KEY_PASTE_END = KC_CODE_PASTE_END;
const int KC_KEY_MOUSE_SGR = KC_CODE_MOUSE_SGR;
const int KC_KEY_MOUSE = KEY_MOUSE;
