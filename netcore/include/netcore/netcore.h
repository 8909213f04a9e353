#pragma once

/** @file
 * Umbrella header: everything a netcore user needs.
 *
 * netcore runs on Linux only: its I/O threads wait on epoll and an eventfd,
 * and it tells a reset from an orderly close by TCP_INFO. Its CMake project
 * stops with an error when configured for another system. */

#include <netcore/bytebuffer.h>
#include <netcore/client.h>
#include <netcore/codec.h>
#include <netcore/codecconfig.h>
#include <netcore/connectioninfo.h>
#include <netcore/endpoint.h>
#include <netcore/enums.h>
#include <netcore/envelopecodec.h>
#include <netcore/error.h>
#include <netcore/escapes.h>
#include <netcore/iothread.h>
#include <netcore/lengthfieldcodec.h>
#include <netcore/linecodec.h>
#include <netcore/message.h>
#include <netcore/messageinbox.h>
#include <netcore/messageview.h>
#include <netcore/outputlimits.h>
#include <netcore/peerallowlist.h>
#include <netcore/rawcodec.h>
#include <netcore/server.h>
#include <netcore/tlsfiles.h>
#include <netcore/version.h>
