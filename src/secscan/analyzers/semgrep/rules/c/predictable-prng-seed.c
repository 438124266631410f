#define _DEFAULT_SOURCE
#include <stdlib.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

void init_rng(void)
{
    // ruleid: c.lang.predictable-prng-seed
    srand(time(NULL));
}

void init_rng_mixed(void)
{
    // ruleid: c.lang.predictable-prng-seed
    srandom((unsigned int)time(NULL) ^ (unsigned int)getpid());
}

void init_rng_from_os(void)
{
    unsigned int seed = 0;
    if (getrandom(&seed, sizeof(seed), 0) != (ssize_t)sizeof(seed)) {
        seed = 1;
    }
    // ok: c.lang.predictable-prng-seed
    srand(seed);
}

void init_rng_reproducible(unsigned int test_seed)
{
    // ok: c.lang.predictable-prng-seed
    srandom(test_seed);
}
