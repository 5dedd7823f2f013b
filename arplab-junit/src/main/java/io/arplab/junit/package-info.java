/**
 * arplab in JUnit 5 tests: {@link io.arplab.junit.ArpLab @ArpLab} (or {@link io.arplab.junit.ArpLabExtension} with
 * {@code @RegisterExtension}) gives each test a fresh {@link io.arplab.api.Lab} and its nodes
 * ({@link io.arplab.junit.LabNode @LabNode}), closes it afterwards, and when the test fails writes the lab's pcaps,
 * trace and HTML report to {@code target/arplab/CLASS/METHOD/}, naming them in the failure.
 * {@link io.arplab.junit.ArpLabAssertions} has AssertJ assertions on captures, neighbour entries and tool results
 * whose failure messages print frames as tcpdump prints them.
 * <p>
 * JUnit Jupiter's API and AssertJ are the user's own test dependencies: arplab compiles against them (Maven scope
 * {@code provided}) and brings neither.
 */
package io.arplab.junit;
