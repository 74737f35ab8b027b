/** Data sets in the course's layout (features × examples): the seed's quadratic, random data, standardisation. */
package twinnet.data;
