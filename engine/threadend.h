#pragma once

#include <QtCore/QThread>

#if defined(__SANITIZE_THREAD__)
#include <sanitizer/tsan_interface.h>
#endif

namespace wirebench {

/**
 * QThread::wait() made visible to ThreadSanitizer. Debian's Qt is not
 * instrumented, so TSan cannot see that wait() returns only after the thread
 * ended: what the thread touched last (a connection's functor, the argument
 * table Qt makes for a queued connection) and the owner then frees looks
 * unguarded. The thread says it is leaving as its last step of ours, and the
 * owner waits with ThreadEnd::wait(): the happens-before edge wait() gives,
 * written down. Outside TSan builds both are nothing.
 */
namespace ThreadEnd {

/** In @p thread, from a direct connection to its finished(), made after every other. */
inline void leaving([[maybe_unused]] QThread *thread)
{
#if defined(__SANITIZE_THREAD__)
    __tsan_release(thread);
#endif
}

/** In the owner, instead of @p thread->wait(): waits for the thread to end, and says so to TSan. */
inline void wait(QThread *thread)
{
    thread->wait();
#if defined(__SANITIZE_THREAD__)
    __tsan_acquire(thread);
#endif
}

} // namespace ThreadEnd
} // namespace wirebench
