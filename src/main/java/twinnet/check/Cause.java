package twinnet.check;

/**
 * Every cause {@code check} can name, as a table: the notebook and function it belongs to ("*" for any) and the
 * sentence, with %s/%d for what the numbers fill in. A trial tries a cause as a hypothesis (the reference computed
 * with the slip) and says its sentence when the learner's answer matches it. docs/check.md's coverage table is
 * this table ({@code CoverageTest} keeps them equal).
 */
enum Cause {
  // ---- any function ----
  CHANGED_ITS_INPUT("*", "*", "%s changed its input %s in place%s; a caller that uses %s afterwards sees other numbers."),
  DIFFERENT_SECOND_CALL("*", "*", "%s gave a different answer to the same call a second time: its result depends on "
      + "call order or on something outside its arguments (a global, a random draw without np.random.seed)."),
  SUM_WITHOUT_KEEPDIMS("*", "*", "%s has shape (%d,) instead of (%d, 1): a sum without keepdims=True (np.sum(dZ, "
      + "axis=1) drops the axis); it broadcasts silently in b − α·db, which becomes %d × %d. Use db = 1/m · "
      + "np.sum(dZ, axis=1, keepdims=True)."),
  TIMED_OUT("*", "*", "%s did not answer within %d s (an endless loop, or a wait for input?): it was stopped, and the "
      + "check went on with the other functions; raise the limit with --timeout SECONDS if it only needs longer."),
  GRADIENT_PATTERN("*", "backward", "%s"), // the harness's diagnosis of the gradients' errors (twinnet.compare.Diagnosis)
  CALLS_A_WRONG_FUNCTION("*", "*", "%s calls your %s, which %s wrong (above): fix %s first, then check again; what "
      + "follows may be that function's doing."),

  // ---- course 1, week 2: Logistic Regression with a Neural Network mindset ----
  SIGMOID_WITH_CACHE("c1w2-logistic-regression", "sigmoid", "sigmoid returns (s, z), course 1 week 4's helper with its "
      + "cache: this notebook's sigmoid returns s alone, s = 1/(1 + np.exp(−z))."),
  B_NOT_A_FLOAT("c1w2-logistic-regression", "initialize_with_zeros", "b is the int 0: the course's b = 0.0 is a float "
      + "(its test asserts type(b) == float); w = np.zeros((dim, 1)), b = 0.0."),
  DW_WITHOUT_1_OVER_M("*", "propagate", "dw lacks its 1/m: dw = 1/m · np.dot(X, (A − Y).T), the gradient of the "
      + "mean cost."),
  DB_WITHOUT_1_OVER_M("c1w2-logistic-regression", "propagate", "db lacks its 1/m: db = 1/m · np.sum(A − Y)."),
  DW_UNTRANSPOSED("c1w2-logistic-regression", "propagate", "np.dot(X, A − Y) cannot align X (n_x, m) with A − Y (1, "
      + "m): dw = 1/m · np.dot(X, (A − Y).T), of w's shape (n_x, 1)."),
  OPTIMIZE_SIGN("c1w2-logistic-regression", "optimize", "the update has the wrong sign: w and b climb the gradient; "
      + "gradient descent subtracts, w = w − learning_rate · dw, b = b − learning_rate · db."),
  PREDICT_PROBABILITIES("c1w2-logistic-regression", "predict", "predict returns the probabilities A: the predictions "
      + "are labels, Y_prediction = 1 where A > 0.5, else 0."),

  // ---- course 1, week 3: Planar data classification with one hidden layer ----
  SIZES_FROM_EXAMPLES("c1w3-planar", "layer_sizes", "n_x is the number of examples: the sizes are the rows, n_x = "
      + "X.shape[0] and n_y = Y.shape[0] (examples are in columns)."),
  PLANAR_ACTIVATIONS("c1w3-planar", "forward_propagation", "A2 is the output of a %s hidden layer and a %s output: the "
      + "notebook's network is A1 = np.tanh(Z1), A2 = sigmoid(Z2)."),
  COST_OLD_SIGNATURE("c1w3-planar", "compute_cost", "compute_cost takes another number of arguments: the 2021 notebook's "
      + "is compute_cost(A2, Y) (the older one also took parameters)."),
  TANH_PRIME_1_MINUS_A("c1w3-planar", "backward_propagation", "tanh′ is written 1 − A1: the derivative of tanh is 1 − "
      + "A1², dZ1 = np.dot(W2.T, dZ2) * (1 − np.power(A1, 2))."),
  PLANAR_GRAD_WITHOUT_1_OVER_M("c1w3-planar", "backward_propagation", "%s lacks its 1/m: %s = 1/m · %s."),

  // ---- course 1, week 4: Building your Deep Neural Network, Step by Step ----
  RELU_PRIME_AT_ZERO("c1w4-step-by-step", "relu_backward", "ReLU′(0) taken as 1: where Z is exactly 0 your dZ passes "
      + "dA through. The course takes ReLU′(0) = 0: dZ[Z <= 0] = 0, not dZ[Z < 0] = 0."),
  RELU_BACKWARD_WITHOUT_DA("c1w4-step-by-step", "relu_backward", "dZ is ReLU′(Z) alone: multiply by dA (dZ = dA where "
      + "Z > 0, else 0)."),
  SIGMOID_BACKWARD_WITHOUT_DA("c1w4-step-by-step", "sigmoid_backward", "dZ is σ′(Z) alone: multiply by dA, dZ = dA · "
      + "s · (1 − s)."),
  SIGMOID_BACKWARD_OF_Z("c1w4-step-by-step", "sigmoid_backward", "the derivative was taken of Z instead of s = σ(Z): "
      + "s = 1/(1 + np.exp(−Z)), then dA · s · (1 − s)."),
  SIGMOID_BACKWARD_WRONG("c1w4-step-by-step", "sigmoid_backward", "the derivative of the sigmoid is wrong: dZ = dA · s "
      + "· (1 − s), with s = σ(Z)."),
  INIT_NOT_A_DICT("*", "initialize", "parameters should be a dict with keys %s, got %s (called with %s)."),
  INIT_KEY_MISSING("*", "initialize", "parameters has no key \"%s\" (called with %s): the course names them W1, b1, "
      + "…, WL, bL with L = len(layer_dims) − 1."),
  INIT_TRANSPOSED("*", "initialize", "%s has shape %s, the transpose of (%d, %d): W[l] is n_l × n_{l−1}, "
      + "np.zeros((layers_dims[l], layers_dims[l − 1])) or np.random.randn(layers_dims[l], layers_dims[l − 1])."),
  INIT_SHAPE("*", "initialize", "%s has shape %s instead of (%d, %d) (called with %s): W[l] is n_l × n_{l−1}, b[l] "
      + "is n_l × 1."),
  INIT_BIAS_NOT_ZERO("*", "initialize", "%s is not zero: the course starts the biases at np.zeros((n_l, 1))."),
  INIT_WEIGHTS_ZERO("*", "initialize", "%s is all zeros: W[l] is drawn at random (np.random.randn(n_l, n_{l−1}) · %s), "
      + "else every unit of a layer computes the same and learns the same (the symmetry is never broken)."),
  INIT_SEED_MISSING("*", "initialize", "%s gave a different answer to the same call a second time: np.random.seed(%d) "
      + "is missing at its start (the course seeds inside the function, so that everyone draws the same weights)."),
  INIT_WEIGHTS_NOT_ZERO("c2w1-initialization", "initialize_parameters_zeros", "%s is not zero: "
      + "initialize_parameters_zeros sets every weight to 0, W[l] = np.zeros((n_l, n_{l−1})) (the notebook's point: a "
      + "network so started never breaks its symmetry)."),
  INIT_SCALE("*", "initialize", "%s is np.random.randn(%d, %d) · %s, where the course's is · %s."),
  INIT_NOT_THE_DRAWS("*", "initialize", "%s is not np.random.randn(%d, %d) · %s drawn after np.random.seed(%d), layer "
      + "by layer from W1 (called with %s): draw each W[l] with np.random.randn(layers_dims[l], layers_dims[l − 1]) in "
      + "layer order, and nothing else from the generator in between."),
  LINEAR_CACHE_ORDER("c1w4-step-by-step", "linear_forward", "cache entries in the wrong order: the course's linear "
      + "cache is (A, W, b), yours is (%s); linear_backward unpacks it as A_prev, W, b = cache."),
  Z_WITHOUT_B("c1w4-step-by-step", "linear_forward", "Z is W·A without b: Z = np.dot(W, A) + b."),
  ACTIVATION_CACHE_ORDER("c1w4-step-by-step", "linear_activation_forward", "cache entries in the wrong order: the "
      + "course's cache is (linear_cache, activation_cache) = ((A_prev, W, b), Z); yours is (Z, (A_prev, W, b)), and "
      + "linear_activation_backward unpacks it as linear_cache, activation_cache = cache."),
  WRONG_ACTIVATION_BRANCH("c1w4-step-by-step", "linear_activation_forward", "for activation = \"%s\" it applies %s: "
      + "check the branch of that activation."),
  CACHES_COUNT("c1w4-step-by-step", "L_model_forward", "caches holds %d entries for a network of %d layers: append one "
      + "cache per layer, L = len(parameters) // 2."),
  MODEL_DECLARED_OTHERWISE("c1w4-step-by-step", "L_model_forward", "your L_model_forward's numbers match a %s hidden "
      + "layer%s and a %s output; the model was declared with --hidden %s --output %s: declare the model your code "
      + "implements, or change its activations."),
  COST_OF_ANOTHER_LOSS("c1w4-step-by-step", "compute_cost", "compute_cost computes %s (%s); the model was declared "
      + "with --loss %s (%s)."),
  COST_SIGN("*", "compute_cost", "the cost has the wrong sign: %s."),
  COST_WITHOUT_1_OVER_M("*", "compute_cost", "the 1/m is missing: the cost is the mean over the m examples, %s."),
  COST_1_OVER_M_TWICE("c1w4-step-by-step", "compute_cost", "the 1/m is applied twice: %s."),
  DA_PREV_SHAPED_AS_DZ("c1w4-step-by-step", "linear_backward", "dA_prev has the shape of dZ: dA_prev = Wᵀ·dZ "
      + "(np.dot(W.T, dZ))."),
  DA_PREV_WITH_1_OVER_M("c1w4-step-by-step", "linear_backward", "dA_prev carries a 1/m: dA_prev = Wᵀ·dZ has none; "
      + "the 1/m belongs to dW = 1/m · dZ·A_prevᵀ and db = 1/m · Σ dZ only (dA_prev is the next layer's dA, the "
      + "loss's gradient, not yet averaged)."),
  BACKWARD_WRONG_ACTIVATION("c1w4-step-by-step", "linear_activation_backward", "for activation = \"%s\" it takes the "
      + "derivative of %s: check the branch of that activation (dZ = %s_backward(dA, activation_cache))."),
  RELU_PRIME_AT_ZERO_BACKWARD("c1w4-step-by-step", "linear_activation_backward", "ReLU′(0) taken as 1: where Z is "
      + "exactly 0 the gradient passes through. The course takes ReLU′(0) = 0: dZ[Z <= 0] = 0."),
  GRADS_KEYS_OFF_BY_ONE("c1w4-step-by-step", "L_model_backward", "grads keys off by one layer: the gradient of "
      + "A^[l−1] belongs under \"dA\" + str(l − 1) (dA0 … dA%d), as the course stores it next to dW[l] and db[l]; "
      + "yours are dA1 … dA%d."),
  DAL_OVER_M("c1w4-step-by-step", "L_model_backward", "dAL is divided by m: the 1/m is then applied twice "
      + "(linear_backward applies it to dW and db). dAL is the loss's derivative for one example: %s."),
  DAL_SUMMED("c1w4-step-by-step", "L_model_backward", "dAL is summed to one number (np.sum(AL − Y)/m, a guess of the "
      + "seed's): dAL is an array of AL's shape, the loss's derivative for each example: %s."),
  DAL_TIMES_A("c1w4-step-by-step", "L_model_backward", "dAL is multiplied by A and summed (np.sum((AL − Y)·AL)/m, a "
      + "guess of the seed's): dAL is the loss's derivative, not the cost's: %s."),
  DAL_IS_ACTIVATION_DERIVATIVE("c1w4-step-by-step", "L_model_backward", "dAL is the output activation's derivative, "
      + "g′(Z): dAL is dL/dA of the loss, %s; the activation's derivative is applied afterwards, in the last layer's "
      + "backward step."),
  DAL_SIGN("c1w4-step-by-step", "L_model_backward", "dAL has the wrong sign: %s."),
  DAL_OF_ANOTHER_LOSS("c1w4-step-by-step", "L_model_backward", "dAL is %s's (%s) but the cost is %s's: %s."),
  UPDATE_SIGN("*", "update_parameters", "the update has the wrong sign: gradient descent subtracts, W ← W − α·dW, b ← "
      + "b − α·db."),
  UPDATE_WITHOUT_B("*", "update_parameters", "b is not updated: b[l] ← b[l] − α·db[l] for every layer, as W[l]."),
  UPDATE_WITHOUT_W("*", "update_parameters", "W is not updated: W[l] ← W[l] − α·dW[l] for every layer, as b[l]."),
  UPDATE_STOPS_SHORT("*", "update_parameters", "%s did not move: the update leaves them out (a loop over range(L − 1) "
      + "stops one layer short); every layer l = 1 … L gets W[l] ← W[l] − α·dW[l] and b[l] ← b[l] − α·db[l]."),

  // ---- course 1, week 4: Deep Neural Network, Application ----
  L_LAYER_TWO_LAYER_INIT("c1w4-application", "L_layer_model", "the parameters stop at layer 2 of %d: L_layer_model "
      + "initialises with initialize_parameters (the two-layer one); an L-layer network takes "
      + "initialize_parameters_deep(layers_dims)."),
  HIDDEN_LAYER_SIGMOID("c1w4-application", "two_layer_model", "%s trains a sigmoid hidden layer: the notebook's hidden "
      + "layers are LINEAR → RELU, forward (activation=\"relu\") and backward alike; only the output is sigmoid."),
  LEARNING_RATE_IGNORED("c1w4-application", "two_layer_model", "%s trains at 0.0075 whatever learning_rate it is "
      + "given: pass learning_rate on to update_parameters."),
  PARAMETERS_NEVER_MOVE("c1w4-application", "two_layer_model", "%s returns the parameters it started from: the result "
      + "of update_parameters is never assigned (parameters = update_parameters(parameters, grads, learning_rate))."),
  BACKWARD_WITH_ANOTHER_CACHE("c1w4-application", "two_layer_model", "layer %d's backward step is given cache%s: each "
      + "layer's backward step takes that layer's own cache (cache%d for layer %d), in reverse order."),

  // ---- course 2, week 1: Regularization ----
  L2_OVER_M("c2w1-regularization", "compute_cost_with_regularization", "the L2 term is λ/m·Σ‖W‖²: the course's is "
      + "λ/(2m)·(‖W1‖² + ‖W2‖² + ‖W3‖²), the ½ making its derivative (λ/m)·W."),
  L2_SUM_NOT_SQUARES("c2w1-regularization", "compute_cost_with_regularization", "the L2 term sums the weights, not "
      + "their squares: λ/(2m)·(np.sum(np.square(W1)) + np.sum(np.square(W2)) + np.sum(np.square(W3)))."),
  L2_WITHOUT_M("c2w1-regularization", "compute_cost_with_regularization", "the L2 term lacks its 1/m: "
      + "λ/(2m)·Σ‖W‖², the cost being a mean over the m examples."),
  L2_WITHOUT_CROSS_ENTROPY("c2w1-regularization", "compute_cost_with_regularization", "the cost is the L2 term alone: "
      + "J = cross_entropy_cost + L2_regularization_cost, with the cross-entropy from compute_cost(A3, Y)."),
  L2_COST_LEAVES_OUT("c2w1-regularization", "compute_cost_with_regularization", "the L2 term leaves out W%d: every "
      + "layer's weights are penalised, ‖W1‖² + ‖W2‖² + ‖W3‖² (W%d's included)."),
  L2_DW_OVER_2M("c2w1-regularization", "backward_propagation_with_regularization", "dW gets λ/(2m)·W: the derivative "
      + "of λ/(2m)·‖W‖² is (λ/m)·W, dW = 1/m·dZ·A_prevᵀ + (λ/m)·W."),
  L2_DW_WITHOUT_M("c2w1-regularization", "backward_propagation_with_regularization", "dW gets λ·W: the term is "
      + "(λ/m)·W, dW = 1/m·dZ·A_prevᵀ + (λ/m)·W."),
  L2_DW_LEAVES_OUT("c2w1-regularization", "backward_propagation_with_regularization", "dW%d lacks its L2 term: every "
      + "layer's dW gets (λ/m)·W, dW%d = 1/m·dZ%d·A_prevᵀ + (λ/m)·W (the penalty covers each layer's weights)."),
  DROPOUT_CACHE_LAYOUT("c2w1-regularization", "forward_propagation_with_dropout", "forward_propagation_with_dropout "
      + "returns (A3, cache), cache = (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3) as the course's does; "
      + "twinnet reads the masks D1 and D2 from it."),
  DROPOUT_MASK_SHAPE("c2w1-regularization", "forward_propagation_with_dropout", "D%d (cache[%d]) is not an array of "
      + "A%d's shape %d × %d: D%d = np.random.rand(A%d.shape[0], A%d.shape[1])."),
  DROPOUT_MASK_NOT_BINARY("c2w1-regularization", "forward_propagation_with_dropout", "D%d holds %s, not only 0s and "
      + "1s: the uniform draws must become a mask, D%d = (D%d < keep_prob).astype(int), before A%d = A%d * D%d / "
      + "keep_prob."),
  DROPOUT_FORWARD_NOT_SCALED("c2w1-regularization", "forward_propagation_with_dropout", "A1 = A1 * D1 (and A2 alike) "
      + "without dividing by keep_prob: inverted dropout scales the kept units up, A1 = A1 * D1 / keep_prob, so that "
      + "the layer's expected output stays the same and nothing changes at prediction time."),
  DROPOUT_MASK_NOT_APPLIED("c2w1-regularization", "forward_propagation_with_dropout", "A3 is the network's output "
      + "without dropout: the masks are drawn but not applied; after each hidden layer's ReLU, A1 = A1 * D1 / "
      + "keep_prob (and A2 with D2)."),
  DROPOUT_BACKWARD_DA_UNMASKED("c2w1-regularization", "backward_propagation_with_dropout", "dA2 (and dA1) are not "
      + "multiplied by the forward pass's mask: dA2 = dA2 * D2 / keep_prob. Here dW still comes out right, because "
      + "np.int64(A2 > 0) reads the dropped units' zeros from the cache, but dA2 is not the gradient of the cost, and "
      + "any code that uses it (or takes the ReLU's derivative from Z2) goes wrong."),
  DROPOUT_BACKWARD_NO_MASK("c2w1-regularization", "backward_propagation_with_dropout", "the backward pass does not "
      + "apply the forward pass's mask again: dA2 = dA2 * D2 / keep_prob (and dA1 with D1); a unit dropped in the "
      + "forward pass had no effect on the cost, so its gradient is 0."),
  DROPOUT_BACKWARD_NOT_SCALED("c2w1-regularization", "backward_propagation_with_dropout", "dA2 = dA2 * D2 without "
      + "dividing by keep_prob: the forward pass scaled the kept units by 1/keep_prob, so their gradient carries the "
      + "same factor, dA2 = dA2 * D2 / keep_prob."),

  // ---- course 2, week 1: Gradient Checking ----
  GC_DERIVATIVE_IS_THETA("c2w1-gradient-checking", "backward_propagation", "dtheta is θ: the derivative of J(θ) = θ·x "
      + "with respect to θ is x."),
  GC_PERTURBS_X("c2w1-gradient-checking", "gradient_check", "x is shifted instead of θ: gradapprox is the derivative "
      + "with respect to θ, so theta_plus = theta + epsilon and theta_minus = theta − epsilon, x unchanged."),
  GC_NOTEBOOK_BUGS_LEFT("c2w1-gradient-checking", "backward_propagation_n", "the notebook's two planted bugs are still "
      + "there: dW2 = 1/m · np.dot(dZ2, A1.T) * 2 and db1 = 4/m · np.sum(dZ1, …); the exercise is to find them with "
      + "gradient_check_n and take them out."),
  GC_ONE_NOTEBOOK_BUG_LEFT("c2w1-gradient-checking", "backward_propagation_n", "one of the notebook's planted bugs is "
      + "still there, in %s: %s."),
  GC_NO_NORM_OF_SUM("c2w1-gradient-checking", "gradient_check_n", "the difference is divided by ‖grad‖ alone: "
      + "difference = ‖grad − gradapprox‖ / (‖grad‖ + ‖gradapprox‖), np.linalg.norm of each."),
  GC_EPSILON_NOT_DOUBLED("c2w1-gradient-checking", "gradient_check_n", "gradapprox is divided by ε: the two-sided "
      + "difference spans 2ε, gradapprox[i] = (J_plus[i] − J_minus[i]) / (2 · epsilon)."),
  GC_MOVES_EVERY_COORDINATE("c2w1-gradient-checking", "gradient_check_n", "every parameter is moved at once: "
      + "gradapprox[i] moves only parameter i, theta_plus = np.copy(parameters_values); theta_plus[i] += epsilon."),

  // ---- course 2, week 2: Optimization Methods ----
  MINI_BATCHES_TWO_PERMUTATIONS("c2w2-optimization", "random_mini_batches", "X and Y are shuffled with two different "
      + "permutations, so the labels no longer belong to their examples: draw one, permutation = "
      + "list(np.random.permutation(m)), and take shuffled_X = X[:, permutation] and shuffled_Y = Y[:, permutation]."),
  MINI_BATCHES_LAST_DROPPED("c2w2-optimization", "random_mini_batches", "the last, partial mini-batch (%d of the m = %d "
      + "examples, after the full batches of %d) is left out: when m %% mini_batch_size != 0 the course adds "
      + "shuffled_X[:, num_complete_minibatches * mini_batch_size:] as one more batch."),
  MINI_BATCHES_NOT_SHUFFLED("c2w2-optimization", "random_mini_batches", "the mini-batches are X's columns in their "
      + "first order: shuffle first, permutation = list(np.random.permutation(m)), X[:, permutation] and "
      + "Y[:, permutation]."),
  MOMENTUM_WITHOUT_1_MINUS_BETA("c2w2-optimization", "update_parameters_with_momentum", "the velocity adds the whole "
      + "gradient: v = β·v + (1 − β)·dW, an exponentially weighted average (yours, β·v + dW, grows to 1/(1 − β) times "
      + "the gradient)."),
  MOMENTUM_STEPS_BY_DW("c2w2-optimization", "update_parameters_with_momentum", "the parameters step by the gradient, "
      + "not by the velocity: W ← W − α·v[\"dW\" + str(l)], after v is updated."),
  ADAM_T_OFF_BY_ONE("c2w2-optimization", "update_parameters_with_adam", "the bias corrections use t = %d where t = %d "
      + "was given: v_corrected = v / (1 − β₁^%d), s_corrected = s / (1 − β₂^%d), t counting the Adam steps from 1."),
  ADAM_EPSILON_INSIDE_SQRT("c2w2-optimization", "update_parameters_with_adam", "ε is inside the square root: the "
      + "course's step is α·v_corrected / (√s_corrected + ε), np.sqrt(s_corrected) + epsilon."),
  LR_DECAY_NO_FLOOR("c2w2-optimization", "schedule_lr_decay", "the rate decays at every epoch, not once per "
      + "time_interval: α = α₀ / (1 + decay_rate · np.floor(epoch_num / time_interval))."),
  LR_DECAY_EXPONENTIAL("c2w2-optimization", "update_lr", "the rate decays exponentially, α₀ · decay_rate^epoch: the "
      + "course's decay is %s."),

  // ---- course 4, week 1: Convolutional Model, Step by Step ----
  ZERO_PAD_EVERY_AXIS("c4w1-conv-step-by-step", "zero_pad", "np.pad(X, pad) pads every axis, the examples and the "
      + "channels too (X_pad has shape %s); pad the height and width only, np.pad(X, ((0, 0), (pad, pad), "
      + "(pad, pad), (0, 0)), mode='constant', constant_values=(0, 0))."),
  ZERO_PAD_ONE_SIDE("c4w1-conv-step-by-step", "zero_pad", "the padding is on one side only (X_pad has shape %s); "
      + "(pad, pad) pads both, so that n_H grows by 2·pad."),
  ZERO_PAD_WRONG_AXES("c4w1-conv-step-by-step", "zero_pad", "the padded axes are not the height and width (X_pad has "
      + "shape %s); X is (m, n_H, n_W, n_C), so the pad widths are ((0, 0), (pad, pad), (pad, pad), (0, 0))."),
  CONV_STEP_B_AS_ARRAY("c4w1-conv-step-by-step", "conv_single_step", "b (1, 1, 1) was added as an array, so Z is an "
      + "array of shape %s, not a number; add it as a number, Z = np.sum(s) + b.item() (the course's "
      + "float(b) warns in numpy 2)."),
  CONV_STEP_WITHOUT_B("c4w1-conv-step-by-step", "conv_single_step", "Z lacks the bias: Z = np.sum(a_slice_prev * W) "
      + "+ b.item()."),
  CONV_STEP_MEAN("c4w1-conv-step-by-step", "conv_single_step", "Z is the mean of the products, not their sum: Z = "
      + "np.sum(a_slice_prev * W) + b.item()."),
  CONV_STEP_DOT("c4w1-conv-step-by-step", "conv_single_step", "np.dot is a matrix product over the last axes, not the "
      + "element-wise product of the window and the filter: s = a_slice_prev * W (np.multiply), then Z = np.sum(s) + "
      + "b.item()."),
  CONV_STRIDE_NOT_IN_CORNERS("c4w1-conv-step-by-step", "conv_forward", "Z is what windows starting at (h, w) give: "
      + "the stride is left out of the corners; vert_start = h · stride, horiz_start = w · stride (the ends are "
      + "start + f)."),
  CONV_WITHOUT_B("c4w1-conv-step-by-step", "conv_forward", "Z lacks the biases: each channel c adds b[:, :, :, c] "
      + "(conv_single_step(a_slice_prev, W[:, :, :, c], b[:, :, :, c]))."),
  CONV_FIRST_BIAS("c4w1-conv-step-by-step", "conv_forward", "every channel adds the first channel's bias b[0, 0, 0, "
      + "0]: channel c takes its own, b[:, :, :, c]."),
  CONV_Z_ACTIVATED("c4w1-conv-step-by-step", "conv_forward", "Z is ReLU(Z): conv_forward returns the linear output, "
      + "the activation is a layer of its own (A = relu(Z) after it)."),
  CONV_OUTPUT_SIZE("c4w1-conv-step-by-step", "conv_forward", "the output size is not the course's (Z has shape %s, as "
      + "if n_H = %s); n_H = int((n_H_prev − f + 2·pad)/stride) + 1, the same for n_W."),
  CONV_CACHE_PADDED("c4w1-conv-step-by-step", "conv_forward", "the cache holds the padded A_prev: conv_backward pads "
      + "it again itself, so the cache keeps A_prev as it came, cache = (A_prev, W, b, hparameters)."),
  POOL_STRIDE_NOT_IN_CORNERS("c4w1-conv-step-by-step", "pool_forward", "A is what windows starting at (h, w) give: "
      + "the stride is left out of the corners; vert_start = h · stride, horiz_start = w · stride."),
  POOL_MODE_IGNORED("c4w1-conv-step-by-step", "pool_forward", "the mode is not followed (mode = \"%s\" gave the %s of "
      + "each window); np.max for \"max\", np.mean for \"average\"."),
  POOL_OUTPUT_SIZE("c4w1-conv-step-by-step", "pool_forward", "the output size is not the course's (A has shape %s, as "
      + "if n_H = %s); pooling has no padding, n_H = int(1 + (n_H_prev − f)/stride), the same for n_W."),
  CONV_BACKWARD_STRIDE("c4w1-conv-step-by-step", "conv_backward", "the gradients are those of windows starting at (h, "
      + "w): the stride is left out of the corners; vert_start = h · stride, horiz_start = w · stride."),
  CONV_BACKWARD_NOT_UNPADDED("c4w1-conv-step-by-step", "conv_backward", "dA_prev keeps the padding (shape %s); take "
      + "it off, dA_prev[i, :, :, :] = da_prev_pad[pad:pad + n_H_prev, pad:pad + n_W_prev, :]."),
  CONV_BACKWARD_PAD_ZERO("c4w1-conv-step-by-step", "conv_backward", "the unpadding slice is empty when pad = 0: "
      + "da_prev_pad[pad:-pad, pad:-pad, :] is da_prev_pad[0:0, 0:0, :], so nothing fits dA_prev (the "
      + "course's own line, which its tests never call with pad = 0); da_prev_pad[pad:pad + n_H_prev, "
      + "pad:pad + n_W_prev, :] works for every pad."),
  CONV_BACKWARD_SHORT_SLICE("c4w1-conv-step-by-step", "conv_backward", "a slice is shorter than the f × f window: "
      + "dW accumulates a_slice = a_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :], a slice of the padded "
      + "A_prev (one of the unpadded a_prev runs past its edge)."),
  CONV_BACKWARD_OVER_M("c4w1-conv-step-by-step", "conv_backward", "%s is divided by m: conv_backward sums over the "
      + "examples and positions, with no 1/m (the cost's 1/m is in dZ already)."),
  MASK_STRICT("c4w1-conv-step-by-step", "create_mask_from_window", "the mask is all False: x > np.max(x) is never "
      + "true; mask = (x == np.max(x))."),
  MASK_FIRST_ONLY("c4w1-conv-step-by-step", "create_mask_from_window", "only the first of the tied maxima is marked: "
      + "the course's mask = (x == np.max(x)) marks every one (DL4J's max pooling gives the gradient to the first: "
      + "docs/comparisons.md, the tied-maximum quirk)."),
  MASK_OF_MIN("c4w1-conv-step-by-step", "create_mask_from_window", "the mask marks the minimum: mask = (x == "
      + "np.max(x))."),
  MASK_TIMES_X("c4w1-conv-step-by-step", "create_mask_from_window", "the mask holds x's value at the maximum: it is "
      + "True/False (or 1/0), mask = (x == np.max(x))."),
  DISTRIBUTE_DIVISOR("c4w1-conv-step-by-step", "distribute_value", "dz is spread with the wrong divisor (each cell "
      + "holds dz %s); the course's average is dz / (n_H · n_W), a = np.ones(shape) * average."),
  POOL_BACKWARD_STRIDE("c4w1-conv-step-by-step", "pool_backward", "the gradient goes to windows starting at (h, w): "
      + "the stride is left out of the corners; vert_start = h · stride, horiz_start = w · stride."),
  POOL_BACKWARD_MODE("c4w1-conv-step-by-step", "pool_backward", "the mode is not followed (mode = \"%s\" gave the %s "
      + "pooling's gradient); the mask for \"max\", distribute_value for \"average\"."),
  POOL_BACKWARD_FIRST_MAX("c4w1-conv-step-by-step", "pool_backward", "where a window's maximum is tied, only the first "
      + "gets the gradient: the course's mask = (x == np.max(x)) gives it to every tied one (DL4J gives it to the "
      + "first: the tied-maximum quirk)."),
  POOL_BACKWARD_AVERAGE_SCALE("c4w1-conv-step-by-step", "pool_backward", "average pooling's gradient is %s times the "
      + "course's: each cell of an f × f window gets dA / (f · f), distribute_value(da, (f, f))."),

  // ---- course 5, week 1: Building your Recurrent Neural Network, Step by Step ----
  RNN_NO_SOFTMAX("c5w1-rnn-step-by-step", "rnn_cell_forward", "yt_pred is Wya·a_next + by without its softmax: "
      + "yt_pred = softmax(np.dot(Wya, a_next) + by), each column a distribution over the n_y outputs."),
  LSTM_CONCAT_ORDER("c5w1-rnn-step-by-step", "lstm_cell_forward", "concat stacks xt above a_prev: the gates act on "
      + "concat = [a_prev; xt], np.concatenate((a_prev, xt), axis=0) (their first n_a columns multiply a_prev)."),
  RNN_TANH_PRIME_1_MINUS_A("c5w1-rnn-step-by-step", "rnn_cell_backward", "tanh′ is written 1 − a: the derivative of "
      + "tanh is 1 − a², dtanh = (1 − a_next ** 2) * da_next."),
  RNN_BACKWARD_WITHOUT_DA_PREV("c5w1-rnn-step-by-step", "rnn_backward", "each step gets its own da[:, :, t] alone: "
      + "the gradient that flows back from step t + 1 is left out; rnn_cell_backward(da[:, :, t] + da_prevt, "
      + "caches[t])."),
  LSTM_CONCAT_SLICES_SWAPPED("c5w1-rnn-step-by-step", "lstm_cell_backward", "da_prev has shape %s, n_x = %d rows "
      + "where a_prev has n_a = %d: the concat slices are swapped; W[:, :n_a] acts on a_prev (da_prev), W[:, n_a:] "
      + "on xt (dxt)."),
  LSTM_DFT_C_NEXT("c5w1-rnn-step-by-step", "lstm_cell_backward", "the forget gate's derivative goes through c_next: "
      + "ft multiplies c_prev, so dft = (dc_next + da_next·ot·(1 − tanh²(c_next)))·c_prev·ft·(1 − ft)."),
  LSTM_OLD_NOTEBOOK_EQUATIONS("c5w1-rnn-step-by-step", "lstm_cell_backward", "%s: the 2018 (v3) notebook's %s as "
      + "printed, which lack their brackets (and (8) has an extra c̃ and tanh(c̃)): the gate's derivative multiplies "
      + "the whole sum, dcct = (dc_next·it + ot·(1 − tanh²(c_next))·it·da_next)·(1 − cct²), dit = (dc_next·cct + …"
      + "·cct·da_next)·it·(1 − it), dft = (dc_next·c_prev + …·c_prev·da_next)·ft·(1 − ft), as the current notebook "
      + "prints them."),
  LSTM_DC_PREV_WITHOUT_FT("c5w1-rnn-step-by-step", "lstm_cell_backward", "dc_prev lacks ft: c_next = ft·c_prev + …, "
      + "so dc_prev = (dc_next + da_next·ot·(1 − tanh²(c_next)))·ft."),

  // ---- training with the learner's functions ----
  COST_NOT_A_NUMBER("*", "training", "the cost is %s at step %d: %s"),
  ;

  final String notebook;
  final String function;
  final String text;

  Cause(String notebook, String function, String text) {
    this.notebook = notebook;
    this.function = function;
    this.text = text;
  }

  /** The sentence with what the numbers fill in. */
  String say(Object... args) {
    return String.format(java.util.Locale.ROOT, text, args);
  }
}
