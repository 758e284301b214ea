#ifndef KONTOR_CNCURSES_H
#define KONTOR_CNCURSES_H

// A thin C layer over ncursesw. ncurses exposes much of its API as macros
// and globals (stdscr, LINES, COLS, COLOR_PAIR, A_BOLD, getmaxyx), which Swift
// cannot import; each is wrapped here as a plain function. No policy lives
// here: the Swift backend decides what to draw and when.

#include <stdint.h>
#include <wchar.h>

/// Starts curses on the controlling terminal. Returns 0 on success, -1 when the
/// terminal type is unknown or the terminal cannot be initialised. Never exits
/// the process (unlike initscr). Asks the terminal for bracketed paste, and
/// for mouse reports (SGR, clicks and the wheel only) when `mouse` is 1.
int kc_start(int mouse);
/// Turns mouse reports on or off while running (the palette's "mouse off").
void kc_set_mouse(int on);
/// Restores the terminal, paste and mouse modes off. Safe to call more than once.
void kc_stop(void);
int kc_is_stopped(void);

int kc_lines(void);
int kc_cols(void);

/// Waits up to timeout_ms for one key. Returns 0 on timeout or error,
/// 1 for a character (in *out), 2 for a function key code (in *out).
int kc_read(int timeout_ms, uint32_t *out);
/// One byte as the terminal sent it (0–255), or a key ncurses recognised
/// (2): the caller decodes UTF-8 itself, so that a byte that is not UTF-8
/// is one character rather than a reason to drop the keys after it.
int kc_read_byte(int timeout_ms, uint32_t *out);

/// Writes one grapheme (up to 5 code points) with attributes and a colour pair.
void kc_put(int y, int x, const wchar_t *cluster, int count, uint32_t attrs, int pair);
void kc_move_cursor(int y, int x, int visible);
void kc_refresh(void);
/// Rings the terminal's bell (or flashes it, as the terminal is set up).
void kc_beep(void);
/// Makes the next refresh repaint the whole screen (Ctrl-L, after resume).
void kc_force_repaint(void);
/// Adopts the terminal's new size after SIGWINCH.
void kc_resize(int lines, int cols);

// Attributes
uint32_t kc_attr_bold(void);
uint32_t kc_attr_dim(void);
uint32_t kc_attr_reverse(void);
uint32_t kc_attr_underline(void);
uint32_t kc_attr_italic(void);

// Colours
int kc_has_colors(void);
int kc_color_count(void);
/// Returns a colour pair number for (fg, bg), allocating one if needed;
/// -1 for the terminal default. Returns 0 when pairs are exhausted.
int kc_pair(int fg, int bg);

// Key codes (macros in curses.h)
extern const int KC_KEY_UP;
extern const int KC_KEY_DOWN;
extern const int KC_KEY_LEFT;
extern const int KC_KEY_RIGHT;
extern const int KC_KEY_HOME;
extern const int KC_KEY_END;
extern const int KC_KEY_A1;
extern const int KC_KEY_C1;
extern const int KC_KEY_A3;
extern const int KC_KEY_C3;
extern const int KC_KEY_PPAGE;
extern const int KC_KEY_NPAGE;
extern const int KC_KEY_IC;
extern const int KC_KEY_DC;
extern const int KC_KEY_BACKSPACE;
extern const int KC_KEY_ENTER;
extern const int KC_KEY_BTAB;
extern const int KC_KEY_RESIZE;
int kc_key_f(int n);
/// Codes of our own for the sequences Kontor reads itself: the start and
/// end of a bracketed paste (ESC [ 200 ~, ESC [ 201 ~) and the start of an
/// SGR mouse report (ESC [ <), whose numbers follow as characters.
extern const int KC_KEY_PASTE_BEGIN;
extern const int KC_KEY_PASTE_END;
extern const int KC_KEY_MOUSE_SGR;
extern const int KC_KEY_MOUSE;

// Signals
/// Installs handlers: SIGHUP, SIGTERM, SIGINT, SIGQUIT set a flag the input
/// loop reads; fatal signals restore the terminal and re-raise.
void kc_install_signal_handlers(void);
/// Returns the pending termination signal (0 if none).
int kc_pending_signal(void);
/// Stops the process as Ctrl-Z would in a cooked terminal (paste and mouse
/// modes off, so the shell is not left in them); returns after `fg`, with
/// the modes on again.
void kc_suspend(void);

#endif
