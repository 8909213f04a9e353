#pragma once

#include <QtCore/QByteArrayView>

namespace fuzz {

/**
 * The sizes of successive socket reads, drawn from a seed made of the fuzz
 * input: the same input always splits the same way (a crash reproduces), and
 * every mutation splits it differently. Mostly tiny reads, where partial
 * headers and partial delimiters happen, sometimes large ones.
 */
class ReadSizes
{
public:
    explicit ReadSizes(QByteArrayView input)
    {
        for (char byte : input) // FNV-1a
            m_state = (m_state ^ quint8(byte)) * 0x100000001b3ULL;
    }

    qsizetype next()
    {
        // splitmix64: good enough mixing for a split, and no state beyond one word.
        quint64 z = (m_state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        z ^= z >> 31;
        const qsizetype spread = (z & 3) < 2 ? 4 : (z & 3) == 2 ? 64 : 1024;
        return 1 + qsizetype((z >> 2) % quint64(spread));
    }

private:
    quint64 m_state = 0xcbf29ce484222325ULL;
};

} // namespace fuzz
