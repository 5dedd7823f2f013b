package io.arplab.runtime;

/** A handle on an action a {@link NodeRuntime} will run at a point of its clock; pass it to {@code cancel}. */
public interface Timer {}
