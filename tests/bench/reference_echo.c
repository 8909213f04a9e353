/*
 * reference_echo: the yardstick of issue 4. A minimal single-threaded epoll
 * echo server: every byte read goes back to its sender, in order; it parses
 * nothing. tests/bench/run measures wirebench's echo path against it.
 *
 *   reference_echo [PORT]      (127.0.0.1; port 0 or none: any free port)
 *
 * Prints "listening on 127.0.0.1:PORT" first; SIGINT or SIGTERM exit 0.
 * Level-triggered: a connection whose reply could not be written whole waits
 * for EPOLLOUT and reads nothing more until its pending bytes are gone, so no
 * byte is lost and no buffer grows without bound.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

struct pending { char *bytes; size_t size; };

static volatile sig_atomic_t stopping;
static struct pending *pendings; /* by descriptor */
static char buffer[64 * 1024];

static void on_signal(int number) { (void)number; stopping = 1; }

static void drop(int epoll, int fd)
{
    epoll_ctl(epoll, EPOLL_CTL_DEL, fd, NULL);
    close(fd);
    free(pendings[fd].bytes);
    pendings[fd] = (struct pending){0};
}

/* Writes what it can of bytes; keeps the rest pending. 0 ok, -1 connection dead. */
static int send_or_keep(int epoll, int fd, const char *bytes, size_t size)
{
    ssize_t sent = send(fd, bytes, size, MSG_NOSIGNAL);
    if (sent < 0 && errno != EAGAIN && errno != EINTR)
        return -1;
    size_t done = sent > 0 ? (size_t)sent : 0;
    if (done == size)
        return 0;
    char *rest = malloc(size - done);
    if (!rest)
        return -1;
    memcpy(rest, bytes + done, size - done);
    pendings[fd] = (struct pending){rest, size - done};
    struct epoll_event event = {.events = EPOLLOUT, .data.fd = fd};
    return epoll_ctl(epoll, EPOLL_CTL_MOD, fd, &event);
}

static void on_ready(int epoll, int fd, unsigned events)
{
    struct pending *p = &pendings[fd];
    if (p->bytes) {
        if (!(events & (EPOLLOUT | EPOLLERR | EPOLLHUP)))
            return;
        struct pending was = *p;
        *p = (struct pending){0};
        int result = send_or_keep(epoll, fd, was.bytes, was.size);
        free(was.bytes);
        struct epoll_event event = {.events = EPOLLIN, .data.fd = fd};
        if (result < 0 || (!p->bytes && epoll_ctl(epoll, EPOLL_CTL_MOD, fd, &event) < 0))
            drop(epoll, fd);
        return;
    }
    ssize_t got = recv(fd, buffer, sizeof buffer, 0);
    if (got == 0 || (got < 0 && errno != EAGAIN && errno != EINTR))
        drop(epoll, fd);
    else if (got > 0 && send_or_keep(epoll, fd, buffer, (size_t)got) < 0)
        drop(epoll, fd);
}

int main(int argc, char **argv)
{
    struct rlimit files;
    getrlimit(RLIMIT_NOFILE, &files);
    files.rlim_cur = files.rlim_max;
    setrlimit(RLIMIT_NOFILE, &files);
    pendings = calloc(files.rlim_cur, sizeof *pendings);

    struct sigaction action = {.sa_handler = on_signal}; /* no SA_RESTART: epoll_wait returns EINTR */
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGTERM, &action, NULL);

    int listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    int on = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK),
                                  .sin_port = htons(argc > 1 ? (unsigned short)atoi(argv[1]) : 0)};
    socklen_t length = sizeof address;
    if (!pendings || bind(listener, (struct sockaddr *)&address, sizeof address) < 0
        || listen(listener, 4096) < 0 || getsockname(listener, (struct sockaddr *)&address, &length) < 0) {
        perror("reference_echo: cannot listen");
        return 1;
    }
    printf("listening on 127.0.0.1:%d\n", ntohs(address.sin_port));
    fflush(stdout);

    int epoll = epoll_create1(EPOLL_CLOEXEC);
    struct epoll_event event = {.events = EPOLLIN, .data.fd = listener};
    epoll_ctl(epoll, EPOLL_CTL_ADD, listener, &event);
    struct epoll_event ready[256];
    while (!stopping) {
        int count = epoll_wait(epoll, ready, 256, -1);
        for (int i = 0; i < count; ++i) {
            if (ready[i].data.fd != listener) {
                on_ready(epoll, ready[i].data.fd, ready[i].events);
                continue;
            }
            int fd;
            while ((fd = accept4(listener, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC)) >= 0) {
                setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
                struct epoll_event added = {.events = EPOLLIN, .data.fd = fd};
                if ((rlim_t)fd >= files.rlim_cur || epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &added) < 0)
                    close(fd);
            }
        }
    }
    return 0;
}
